import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Forecast settings an admin can change (whether unmailed waves use recalibrated values). */
export class ForecastSettings1795982500000 implements MigrationInterface {
  name = 'ForecastSettings1795982500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'forecast_settings',
        columns: [
          { name: 'key', type: 'varchar', length: '64', isPrimary: true },
          { name: 'value', type: 'text' },
          { name: 'updatedBy', type: 'varchar', length: '64', isNullable: true },
          { name: 'updatedAt', type: 'datetime', precision: 3 },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('forecast_settings');
  }
}
