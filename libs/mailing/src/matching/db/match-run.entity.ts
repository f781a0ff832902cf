import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const MATCH_RUN_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type MatchRunStatus = (typeof MATCH_RUN_STATUSES)[number];

/**
 * One matching of a batch (発送回): what it was matched against (the insured and card-holder imports
 * used, the match date) and what it found per municipality. The latest finished run's results are in
 * batch_match_results; earlier runs stay as a record of what each matching saw.
 */
@Entity('match_runs')
@Index('idx_match_runs_batch', ['batchId'])
export class MatchRun {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  batchId!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: MatchRunStatus;

  /** 0–100. */
  @Column({ type: 'int', default: 0 })
  progress!: number;

  @Column({ type: 'varchar', length: 10 })
  matchDate!: string;

  /** JSON array: the insured imports whose rows were matched. */
  @Column({ type: 'text', nullable: true })
  insuredImportIds!: string | null;

  /** JSON array: the card-holder imports (asOf ≤ match date) matched against. */
  @Column({ type: 'text', nullable: true })
  holderImportIds!: string | null;

  @Column({ type: 'int', default: 0 })
  holders!: number;

  @Column({ type: 'int', default: 0 })
  persons!: number;

  /** JSON: counts per municipality (MatchCounts by code). */
  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  /** Milliseconds spent loading, matching and writing (for operations and the benchmark). */
  @Column({ type: 'int', nullable: true })
  loadMs!: number | null;

  @Column({ type: 'int', nullable: true })
  matchMs!: number | null;

  @Column({ type: 'int', nullable: true })
  writeMs!: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  message!: string | null;

  @Column({ type: 'varchar', length: 64 })
  requestedBy!: string;

  @Column({ type: 'datetime', precision: 3 })
  requestedAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  finishedAt!: Date | null;
}
