import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { TestDatabase } from '../../../test/support/test-database';
import { dataSourceOptions } from './data-source-options';
import { runMigrations } from './migrate';
import { MIGRATIONS } from './migrations';

/** Migrating an empty database must give exactly the schema the entities describe. */
async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}

describe('migrations', () => {
  const database = new TestDatabase();
  afterAll(() => database.drop());

  it('migrate an empty MariaDB database to exactly the entities, and back down', async () => {
    const url = await database.create();
    const dataSource = await new DataSource(dataSourceOptions({ databaseUrl: url, sqlitePath: '' })).initialize();
    try {
      expect(await runMigrations(dataSource)).toBe(MIGRATIONS.length);
      expect(await pendingSchemaChanges(dataSource)).toEqual([]);
      expect(await runMigrations(dataSource)).toBe(0);
      for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration();
      const tables = await dataSource.query(`SHOW TABLES`);
      expect(tables.map((t: Record<string, string>) => Object.values(t)[0])).toEqual(['migrations']);
    } finally {
      await dataSource.destroy();
    }
  });

  // SQLite spells types its own way (int → integer), so TypeORM's diff is not empty there; what matters
  // for the embedded default is that every migration applies and every table the entities name exists.
  it('migrate an empty SQLite file so that every entity has its table', async () => {
    const sqlitePath = join(mkdtempSync(join(tmpdir(), 'wavedesk-sqlite-')), 'test.sqlite');
    const dataSource = await new DataSource(dataSourceOptions({ sqlitePath })).initialize();
    try {
      expect(await runMigrations(dataSource)).toBe(MIGRATIONS.length);
      for (const entity of dataSource.entityMetadatas) {
        await expect(dataSource.getRepository(entity.target).count()).resolves.toBe(0);
      }
    } finally {
      await dataSource.destroy();
    }
  });
});
