import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { WaveStatus } from './wave-state';

/** One municipality's share of a wave: all its targets, or those of some postal groups (3-digit prefixes). */
export interface StoredWaveMember {
  code: string;
  targets: number;
  postalGroupKeys?: string[];
}

/**
 * A dispersed-sending wave (分散発送の波) of a batch: one mail date, several municipalities (or postal-group
 * parts of one), and its place in the state machine (wave-state.ts). `version` guards every change
 * (optimistic locking): two people acting on the same wave at once cannot both succeed.
 */
@Entity('waves')
@Index('idx_waves_batch', ['batchId', 'seq'])
@Index('idx_waves_status', ['status', 'mailDate'])
export class Wave {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  batchId!: number;

  /** 1, 2, 3 … in date order within the batch (第1波). */
  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  /** The day the forms go to the post, `YYYY-MM-DD` (a business day in Japan). */
  @Column({ type: 'varchar', length: 10 })
  mailDate!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: WaveStatus;

  /** For a held wave: the status it was held from (resume returns there). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  heldFrom!: WaveStatus | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  heldReason!: string | null;

  /** Planned targets until approval; the ledger's forms from approval on (minus withdrawn persons). */
  @Column({ type: 'int' })
  forms!: number;

  /** JSON array of StoredWaveMember. */
  @Column({ type: 'text' })
  members!: string;

  /** Ledger rows of this wave whose 申請書ID is a placeholder (0 for a real release). */
  @Column({ type: 'int', default: 0 })
  placeholders!: number;

  @VersionColumn()
  version!: number;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
