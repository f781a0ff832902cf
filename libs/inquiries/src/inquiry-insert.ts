import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { Inquiry } from './inquiry.entity';

const COLUMNS = [
  'municipalityCode', 'channel', 'category', 'callerType', 'outcome', 'receivedAt', 'durationSeconds', 'applicationId', 'note',
  'waveId', 'loggedById', 'loggedAt', 'idempotencyKey', 'requestHash', 'handledAt', 'handledById',
] as const satisfies ReadonlyArray<keyof Inquiry>;
const INSERT_SQL = `INSERT INTO inquiries (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`;

interface MysqlPool {
  execute(sql: string, values: unknown[], callback: (error: Error | null, result: { insertId: number }) => void): void;
}

/**
 * Stores one inquiry row with autocommit (committed before the caller answers) and returns its id. On
 * MySQL/MariaDB a prepared INSERT on the driver's pool: the desk's hot path skips the query builder, which
 * cost more than the database did. On SQLite the repository's insert.
 */
@Injectable()
export class InquiryInsert {
  private readonly pool: MysqlPool | null;

  constructor(@InjectDataSource() dataSource: DataSource, @InjectRepository(Inquiry) private readonly inquiries: Repository<Inquiry>) {
    const driver = dataSource.driver as { options: { type: string }; pool?: MysqlPool; poolCluster?: unknown };
    this.pool = (driver.options.type === 'mysql' || driver.options.type === 'mariadb') && driver.pool && !driver.poolCluster ? driver.pool : null;
  }

  async insert(row: Omit<Inquiry, 'id'>): Promise<number> {
    const pool = this.pool;
    if (!pool) return Number((await this.inquiries.insert(row)).identifiers[0].id);
    const values = COLUMNS.map((c) => row[c]);
    return new Promise((resolve, reject) => pool.execute(INSERT_SQL, values, (error, result) => (error ? reject(error) : resolve(Number(result.insertId)))));
  }
}
