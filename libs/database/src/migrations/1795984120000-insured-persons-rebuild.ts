import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rebuilds `insured_persons` on MySQL/MariaDB. Dropping the match-key columns (InsuredKeysAtMatch) was an
 * instant ALTER on MariaDB, which leaves a metadata record in the table; with it, an empty table no longer
 * counts as empty and the import cannot use MariaDB's bulk load into an empty table (indexes built by
 * sorting, one undo record): loading the default insured list then costs the server about 40 % more CPU
 * (docs/imports.md §8). Rebuilding writes the table afresh without that record. Nothing changes in the
 * schema. SQLite rebuilt the table when the columns were dropped: nothing to do there.
 */
export class InsuredPersonsRebuild1795984120000 implements MigrationInterface {
  name = 'InsuredPersonsRebuild1795984120000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.driver.options.type === 'better-sqlite3') return;
    await queryRunner.query('ALTER TABLE `insured_persons` FORCE');
  }

  async down(): Promise<void> {
    // Nothing to undo: the schema is the same.
  }
}
