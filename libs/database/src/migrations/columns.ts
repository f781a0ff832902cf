import type { QueryRunner, TableColumnOptions } from 'typeorm';

/**
 * Column shapes that differ between engines. SQLite only auto-increments an `integer` primary key;
 * MySQL/MariaDB use `int AUTO_INCREMENT`. Entities use `@PrimaryGeneratedColumn()`, which does the same.
 */
export function idColumn(queryRunner: QueryRunner, name = 'id'): TableColumnOptions {
  const sqlite = queryRunner.connection.driver.options.type === 'better-sqlite3';
  return { name, type: sqlite ? 'integer' : 'int', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
}
