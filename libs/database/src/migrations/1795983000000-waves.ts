import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { idColumn } from './columns';

/** Dispersed waves, the form ledger (one form per person per campaign) and release units. */
export class Waves1795983000000 implements MigrationInterface {
  name = 'Waves1795983000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'waves',
        columns: [
          idColumn(queryRunner),
          { name: 'batchId', type: 'int' },
          { name: 'seq', type: 'int' },
          { name: 'name', type: 'varchar', length: '64' },
          { name: 'mailDate', type: 'varchar', length: '10' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'heldFrom', type: 'varchar', length: '16', isNullable: true },
          { name: 'heldReason', type: 'varchar', length: '500', isNullable: true },
          { name: 'forms', type: 'int' },
          { name: 'members', type: 'text' },
          { name: 'placeholders', type: 'int', default: 0 },
          { name: 'version', type: 'int' },
          { name: 'createdAt', type: 'datetime', precision: 3 },
          { name: 'updatedAt', type: 'datetime', precision: 3 },
        ],
        indices: [
          { name: 'idx_waves_batch', columnNames: ['batchId', 'seq'] },
          { name: 'idx_waves_status', columnNames: ['status', 'mailDate'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'form_ledger',
        columns: [
          idColumn(queryRunner),
          { name: 'campaignId', type: 'int' },
          { name: 'insuredNumber', type: 'varchar', length: '8' },
          { name: 'municipalityCode', type: 'varchar', length: '6' },
          { name: 'waveId', type: 'int' },
          { name: 'unitId', type: 'int', isNullable: true },
          { name: 'applicationId', type: 'varchar', length: '23' },
          { name: 'placeholder', type: 'boolean', default: false },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'createdAt', type: 'datetime', precision: 3 },
          { name: 'withdrawnAt', type: 'datetime', precision: 3, isNullable: true },
        ],
        indices: [
          { name: 'uq_form_ledger_person', columnNames: ['campaignId', 'insuredNumber'], isUnique: true },
          { name: 'idx_form_ledger_wave', columnNames: ['waveId', 'status'] },
          { name: 'idx_form_ledger_unit', columnNames: ['unitId'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'release_units',
        columns: [
          idColumn(queryRunner),
          { name: 'waveId', type: 'int' },
          { name: 'seq', type: 'int' },
          { name: 'count', type: 'int' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'enqueuedAt', type: 'datetime', precision: 3, isNullable: true },
          { name: 'claimedAt', type: 'datetime', precision: 3, isNullable: true },
          { name: 'claimedBy', type: 'varchar', length: '128', isNullable: true },
          { name: 'fileName', type: 'varchar', length: '128', isNullable: true },
          { name: 'sha256', type: 'varchar', length: '64', isNullable: true },
          { name: 'writtenAt', type: 'datetime', precision: 3, isNullable: true },
          { name: 'lastError', type: 'varchar', length: '500', isNullable: true },
        ],
        indices: [
          { name: 'uq_release_units_wave_seq', columnNames: ['waveId', 'seq'], isUnique: true },
          { name: 'idx_release_units_status', columnNames: ['status'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('release_units');
    await queryRunner.dropTable('form_ledger');
    await queryRunner.dropTable('waves');
  }
}
