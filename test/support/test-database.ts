import { randomBytes } from 'node:crypto';
import { createConnection, type Connection } from 'mysql2/promise';

/** Where the integration and end-to-end tests find MariaDB (root, empty password on this machine). */
export const TEST_MYSQL_SERVER = process.env.TEST_MYSQL_SERVER ?? 'mysql://root@127.0.0.1:3306';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * A throwaway MariaDB database for one test file: `create()` returns its URL, `drop()` removes it.
 */
export class TestDatabase {
  readonly name = `wavedesk_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  readonly url = `${TEST_MYSQL_SERVER}/${this.name}`;

  async create(): Promise<string> {
    await this.admin(`CREATE DATABASE \`${this.name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    return this.url;
  }

  async drop(): Promise<void> {
    await this.admin(`DROP DATABASE IF EXISTS \`${this.name}\``);
  }

  /** Runs SQL directly in this database, behind the application's back (e.g. to delete a user's row). */
  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const connection = await this.connect(this.name);
    try {
      const [rows] = await connection.query(sql, params);
      return rows as T[];
    } finally {
      await connection.end();
    }
  }

  /** The tables that exist in this database (none right after `create()`). */
  async tables(): Promise<string[]> {
    const rows = await this.admin(
      `SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = '${this.name}' ORDER BY TABLE_NAME`,
    );
    return (rows as Array<{ name: string }>).map((r) => r.name);
  }

  private async admin(sql: string): Promise<unknown> {
    const connection = await this.connect();
    try {
      const [rows] = await connection.query(sql);
      return rows;
    } finally {
      await connection.end();
    }
  }

  private connect(database?: string): Promise<Connection> {
    const url = new URL(TEST_MYSQL_SERVER);
    return createConnection({
      host: url.hostname,
      port: Number(url.port || 3306),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      // As the app stores them (libs/database: timezone 'Z'): Dates are UTC on the wire.
      timezone: 'Z',
      ...(database ? { database } : {}),
    });
  }
}
