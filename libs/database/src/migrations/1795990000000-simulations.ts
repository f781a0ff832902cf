import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { idColumn } from './columns';

/** Runs of the campaign simulator (libs/simulation); the running one drives the simulated clock. */
export class Simulations1795990000000 implements MigrationInterface {
  name = 'Simulations1795990000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'simulations',
        columns: [
          idColumn(queryRunner),
          { name: 'scenario', type: 'varchar', length: '16' },
          { name: 'scale', type: 'double' },
          { name: 'speed', type: 'double' },
          { name: 'seed', type: 'int' },
          { name: 'multiplier', type: 'double' },
          { name: 'hours', type: 'double' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'phase', type: 'varchar', length: '24' },
          { name: 'progress', type: 'int' },
          { name: 'message', type: 'varchar', length: '500', isNullable: true },
          { name: 'activeKey', type: 'varchar', length: '8', isNullable: true },
          { name: 'campaignId', type: 'int', isNullable: true },
          { name: 'startDate', type: 'varchar', length: '10', isNullable: true },
          { name: 'endDate', type: 'varchar', length: '10', isNullable: true },
          { name: 'clockStartedAt', type: 'datetime', precision: 3, isNullable: true },
          { name: 'targets', type: 'int', isNullable: true },
          { name: 'inquiriesLogged', type: 'int' },
          { name: 'inquiriesFailed', type: 'int' },
          { name: 'wavesReleased', type: 'int' },
          { name: 'holdsSeen', type: 'int' },
          { name: 'operatorsOnDuty', type: 'int', isNullable: true },
          { name: 'createdBy', type: 'varchar', length: '64' },
          { name: 'createdAt', type: 'datetime', precision: 3 },
          { name: 'finishedAt', type: 'datetime', precision: 3, isNullable: true },
        ],
        indices: [{ name: 'uq_simulations_active', columnNames: ['activeKey'], isUnique: true }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('simulations');
  }
}
