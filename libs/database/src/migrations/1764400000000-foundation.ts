import { idColumn } from './columns';
import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/** Municipalities, users and the audit log. Written with TypeORM's schema API so it runs on MySQL and SQLite. */
export class Foundation1764400000000 implements MigrationInterface {
  name = 'Foundation1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'municipalities',
        columns: [
          { name: 'code', type: 'varchar', length: '6', isPrimary: true },
          { name: 'name', type: 'varchar', length: '32' },
          { name: 'kana', type: 'varchar', length: '64' },
          { name: 'subprefecture', type: 'varchar', length: '32' },
          { name: 'district', type: 'varchar', length: '32', isNullable: true },
          { name: 'population', type: 'int' },
          { name: 'counterCapacity', type: 'int' },
          { name: 'contactPhone', type: 'varchar', length: '32', isNullable: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          idColumn(queryRunner),
          { name: 'username', type: 'varchar', length: '64' },
          { name: 'passwordHash', type: 'varchar', length: '255' },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'municipalityCode', type: 'varchar', length: '6', isNullable: true },
          { name: 'disabled', type: 'boolean', default: false },
          { name: 'failedLogins', type: 'int', default: 0 },
          { name: 'lockedUntil', type: 'datetime', precision: 3, isNullable: true },
          { name: 'tokenVersion', type: 'int', default: 0 },
          { name: 'createdAt', type: 'datetime', precision: 3 },
          { name: 'updatedAt', type: 'datetime', precision: 3 },
        ],
        indices: [{ name: 'uq_users_username', columnNames: ['username'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          idColumn(queryRunner),
          { name: 'at', type: 'datetime', precision: 3 },
          { name: 'actorId', type: 'int', isNullable: true },
          { name: 'actorName', type: 'varchar', length: '64', isNullable: true },
          { name: 'actorRole', type: 'varchar', length: '16', isNullable: true },
          { name: 'action', type: 'varchar', length: '64' },
          { name: 'target', type: 'varchar', length: '255', isNullable: true },
          { name: 'success', type: 'boolean', default: true },
          { name: 'detail', type: 'text', isNullable: true },
          { name: 'clientAddress', type: 'varchar', length: '64', isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex('audit_log', new TableIndex({ name: 'idx_audit_at', columnNames: ['at'] }));
    await queryRunner.createIndex('audit_log', new TableIndex({ name: 'idx_audit_action', columnNames: ['action'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('audit_log');
    await queryRunner.dropTable('users');
    await queryRunner.dropTable('municipalities');
  }
}
