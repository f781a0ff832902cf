import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { idColumn } from './columns';

/** Campaigns (送付事業) and batches (発送回). */
export class Campaigns1795980600000 implements MigrationInterface {
  name = 'Campaigns1795980600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'campaigns',
        columns: [
          idColumn(queryRunner),
          { name: 'name', type: 'varchar', length: '128' },
          { name: 'createdBy', type: 'varchar', length: '64', isNullable: true },
          { name: 'createdAt', type: 'datetime', precision: 3 },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'batches',
        columns: [
          idColumn(queryRunner),
          { name: 'campaignId', type: 'int' },
          { name: 'name', type: 'varchar', length: '128' },
          { name: 'matchDate', type: 'varchar', length: '10' },
          { name: 'mailFrom', type: 'varchar', length: '10' },
          { name: 'mailTo', type: 'varchar', length: '10' },
          { name: 'municipalityCodes', type: 'text' },
          { name: 'status', type: 'varchar', length: '16', default: "'draft'" },
          { name: 'createdAt', type: 'datetime', precision: 3 },
        ],
      }),
    );
    await queryRunner.createIndex('batches', new TableIndex({ name: 'idx_batches_campaign', columnNames: ['campaignId'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('batches');
    await queryRunner.dropTable('campaigns');
  }
}
