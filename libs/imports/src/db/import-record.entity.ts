import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ImportKind } from '../kinds/import-kind';

export const IMPORT_STATUSES = ['queued', 'running', 'stored', 'rejected', 'failed'] as const;
/**
 * queued → running → stored (rows committed) | rejected (the file has errors: nothing stored) |
 * failed (the server could not finish: nothing stored, the file may be imported again).
 */
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** One uploaded (or CLI) import of an insured list, card-holder list or 申請書ID file, and how it went. */
@Entity('imports')
@Index('idx_imports_kind', ['kind', 'status'])
@Index('uq_imports_dedupe', ['dedupeKey'], { unique: true })
export class ImportRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 24 })
  kind!: ImportKind;

  @Column({ type: 'varchar', length: 255 })
  fileName!: string;

  /** SHA-256 of the file's bytes (hex). */
  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  /**
   * `kind:sha256` while the import counts (queued, running, stored), null once rejected or failed: the
   * unique index makes a second import of the same file impossible even when two arrive at once.
   */
  @Column({ type: 'varchar', length: 96, nullable: true })
  dedupeKey!: string | null;

  @Column({ type: 'bigint' })
  sizeBytes!: number;

  /** What the admin chose: auto, utf-8 or shift_jis. */
  @Column({ type: 'varchar', length: 16 })
  encoding!: string;

  /** What the file turned out to be. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  detectedEncoding!: string | null;

  /** Card-holder lists: the day the list is valid for (`YYYY-MM-DD`). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  asOf!: string | null;

  /** The admin chose to store only the valid rows of a file with errors. */
  @Column({ type: 'boolean', default: false })
  validOnly!: boolean;

  @Column({ type: 'varchar', length: 16 })
  status!: ImportStatus;

  @Column({ type: 'int', default: 0 })
  rowsRead!: number;

  @Column({ type: 'int', default: 0 })
  rowsValid!: number;

  @Column({ type: 'int', default: 0 })
  rowsStored!: number;

  /** Every problem found (import_errors keeps the first 1,000). */
  @Column({ type: 'int', default: 0 })
  errorCount!: number;

  /** 0–100, by bytes read. */
  @Column({ type: 'int', default: 0 })
  progress!: number;

  /** A Japanese sentence on how it ended (or why it could not). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  message!: string | null;

  /** Fingerprint of the MATCH_HMAC_KEY the rows' match keys were made with (never the key itself). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  keyCheck!: string | null;

  @Column({ type: 'varchar', length: 64 })
  createdBy!: string;

  @Column({ type: 'int', nullable: true })
  createdById!: number | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  finishedAt!: Date | null;
}
