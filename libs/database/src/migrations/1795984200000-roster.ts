import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** The operator roster (在席オペレーター, docs/guard.md §4): the business-day default and per-date overrides. */
export class Roster1795984200000 implements MigrationInterface {
  name = 'Roster1795984200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'roster_settings',
        columns: [
          { name: 'id', type: 'int', isPrimary: true },
          { name: 'defaultOperators', type: 'int' },
          { name: 'updatedBy', type: 'varchar', length: '64', isNullable: true },
          { name: 'updatedAt', type: 'datetime', precision: 3 },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'roster_overrides',
        columns: [
          { name: 'date', type: 'varchar', length: '10', isPrimary: true },
          { name: 'operators', type: 'int' },
          { name: 'note', type: 'varchar', length: '200', isNullable: true },
          { name: 'updatedBy', type: 'varchar', length: '64', isNullable: true },
          { name: 'updatedAt', type: 'datetime', precision: 3 },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('roster_overrides');
    await queryRunner.dropTable('roster_settings');
  }
}
