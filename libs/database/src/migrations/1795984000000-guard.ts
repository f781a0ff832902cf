import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { idColumn } from './columns';

/**
 * The load guard (docs/guard.md §5): its rule-set versions, the events it decided (one row per trip, unique
 * `eventKey` so a replayed decision is a no-op) and the detector's state (one row, compare-and-set on `revision`).
 */
export class Guard1795984000000 implements MigrationInterface {
  name = 'Guard1795984000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'guard_rule_sets',
        columns: [
          { name: 'version', type: 'int', isPrimary: true },
          { name: 'rules', type: 'json' },
          { name: 'createdBy', type: 'varchar', length: '64' },
          { name: 'createdAt', type: 'datetime', precision: 3 },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'guard_events',
        columns: [
          idColumn(queryRunner),
          { name: 'eventKey', type: 'varchar', length: '191' },
          { name: 'ruleId', type: 'varchar', length: '64' },
          { name: 'ruleVersion', type: 'int' },
          { name: 'ruleName', type: 'varchar', length: '100' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'scope', type: 'varchar', length: '16' },
          { name: 'municipalityCode', type: 'varchar', length: '6', isNullable: true },
          { name: 'resumeMode', type: 'varchar', length: '8' },
          { name: 'evidence', type: 'text' },
          { name: 'wavesHeld', type: 'text' },
          { name: 'decidedAt', type: 'datetime', precision: 3 },
          { name: 'createdAt', type: 'datetime', precision: 3 },
          { name: 'appliedAt', type: 'datetime', precision: 3, isNullable: true },
          { name: 'alertedAt', type: 'datetime', precision: 3, isNullable: true },
          { name: 'acknowledgedBy', type: 'varchar', length: '64', isNullable: true },
          { name: 'acknowledgedAt', type: 'datetime', precision: 3, isNullable: true },
          { name: 'keptBy', type: 'varchar', length: '64', isNullable: true },
          { name: 'keptAt', type: 'datetime', precision: 3, isNullable: true },
          { name: 'keptReason', type: 'varchar', length: '500', isNullable: true },
          { name: 'resumedBy', type: 'varchar', length: '64', isNullable: true },
          { name: 'resumedAt', type: 'datetime', precision: 3, isNullable: true },
          { name: 'resumeReason', type: 'varchar', length: '500', isNullable: true },
          { name: 'resumeEvidence', type: 'text', isNullable: true },
          { name: 'resumeAppliedAt', type: 'datetime', precision: 3, isNullable: true },
        ],
        indices: [
          { name: 'uq_guard_events_key', columnNames: ['eventKey'], isUnique: true },
          { name: 'idx_guard_events_open', columnNames: ['resumedAt', 'id'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'guard_state',
        columns: [
          { name: 'id', type: 'int', isPrimary: true },
          // json: LONGTEXT on MariaDB (TEXT's 64 KB is too small for 179 active municipalities), TEXT on SQLite.
          { name: 'state', type: 'json' },
          { name: 'revision', type: 'int' },
          { name: 'lastInquiryId', type: 'int' },
          { name: 'gaps', type: 'text' },
          { name: 'day', type: 'varchar', length: '10' },
          { name: 'capacityCheckedDay', type: 'varchar', length: '10', isNullable: true },
          { name: 'updatedAt', type: 'datetime', precision: 3 },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('guard_state');
    await queryRunner.dropTable('guard_events');
    await queryRunner.dropTable('guard_rule_sets');
  }
}
