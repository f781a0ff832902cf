import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const BATCH_STATUSES = ['draft', 'matching', 'matched'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/**
 * 発送回 (1回目分, 2回目分): one matching + mailing round of a campaign, with its own match date and
 * mailing window, over a set of municipalities (all 179 by default).
 */
@Entity('batches')
@Index('idx_batches_campaign', ['campaignId'])
export class Batch {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  campaignId!: number;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  /** The day targets are matched for: qualified on that day, minus card holders known on it. `YYYY-MM-DD`. */
  @Column({ type: 'varchar', length: 10 })
  matchDate!: string;

  /** First and last day forms may be mailed, `YYYY-MM-DD`. */
  @Column({ type: 'varchar', length: 10 })
  mailFrom!: string;

  @Column({ type: 'varchar', length: 10 })
  mailTo!: string;

  /** JSON array of municipality codes. */
  @Column({ type: 'text' })
  municipalityCodes!: string;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status!: BatchStatus;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;
}
