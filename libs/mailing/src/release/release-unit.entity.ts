import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const RELEASE_UNIT_STATUSES = ['pending', 'submitting', 'written', 'empty'] as const;
/**
 * pending: not claimed yet; submitting: claimed by one worker, being written (or left by a crash, for an
 * admin to reconcile); written: complete in the outbox; empty: every person of it was withdrawn by
 * re-matching before it was written, so there is nothing to print.
 */
export type ReleaseUnitStatus = (typeof RELEASE_UNIT_STATUSES)[number];

/** One release unit (発送単位) of a wave: at most N forms, one CSV + manifest for the print contractor. */
@Entity('release_units')
@Index('uq_release_units_wave_seq', ['waveId', 'seq'], { unique: true })
@Index('idx_release_units_status', ['status'])
export class ReleaseUnitRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  waveId!: number;

  /** 1-based within the wave: file `wave-<waveId>-unit-<seq>`. */
  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'int' })
  count!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: ReleaseUnitStatus;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  enqueuedAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  claimedAt!: Date | null;

  /** Which worker claimed it (host:pid:nonce). */
  @Column({ type: 'varchar', length: 128, nullable: true })
  claimedBy!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  fileName!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  sha256!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  writtenAt!: Date | null;

  /** Why the last attempt stopped without writing (a Japanese sentence, never personal data). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;
}
