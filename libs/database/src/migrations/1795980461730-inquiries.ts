import { idColumn } from './columns';
import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * The inquiry desk: logged inquiries and their categories. The ten categories of the My Number card mailing
 * are seeded when the API starts (like the municipalities), so that an empty migrated database stays empty.
 */
export class Inquiries1795980461730 implements MigrationInterface {
  name = 'Inquiries1795980461730';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'inquiry_categories',
        columns: [
          { name: 'code', type: 'varchar', length: '32', isPrimary: true },
          { name: 'label', type: 'varchar', length: '64' },
          { name: 'sortOrder', type: 'int' },
          { name: 'createdAt', type: 'datetime', precision: 3 },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'inquiries',
        columns: [
          idColumn(queryRunner),
          { name: 'municipalityCode', type: 'varchar', length: '6' },
          { name: 'channel', type: 'varchar', length: '16' },
          { name: 'category', type: 'varchar', length: '32' },
          { name: 'callerType', type: 'varchar', length: '16' },
          { name: 'outcome', type: 'varchar', length: '16' },
          { name: 'receivedAt', type: 'datetime', precision: 3 },
          { name: 'durationSeconds', type: 'int', isNullable: true },
          { name: 'applicationId', type: 'varchar', length: '23', isNullable: true },
          { name: 'note', type: 'text', isNullable: true },
          { name: 'waveId', type: 'int', isNullable: true },
          { name: 'loggedById', type: 'int' },
          { name: 'loggedAt', type: 'datetime', precision: 3 },
          { name: 'idempotencyKey', type: 'varchar', length: '128', isNullable: true },
          { name: 'requestHash', type: 'varchar', length: '64', isNullable: true },
          { name: 'handledAt', type: 'datetime', precision: 3, isNullable: true },
          { name: 'handledById', type: 'int', isNullable: true },
        ],
        indices: [
          { name: 'idx_inquiries_received', columnNames: ['receivedAt', 'municipalityCode'] },
          { name: 'idx_inquiries_municipality', columnNames: ['municipalityCode', 'id'] },
          { name: 'uq_inquiries_idempotency', columnNames: ['loggedById', 'idempotencyKey'], isUnique: true },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('inquiries');
    await queryRunner.dropTable('inquiry_categories');
  }
}
