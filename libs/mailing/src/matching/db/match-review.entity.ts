import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const REVIEW_STATUSES = ['pending', 'excluded', 'kept'] as const;
/** pending: not settled (not mailed); excluded: the admin judged it the card holder; kept: mail a form. */
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** A possible card holder found by matching a batch, for an admin to settle. */
@Entity('match_reviews')
@Index('uq_match_reviews_person', ['batchId', 'insuredNumber'], { unique: true })
export class MatchReview {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  batchId!: number;

  @Column({ type: 'varchar', length: 8 })
  insuredNumber!: string;

  @Column({ type: 'varchar', length: 6 })
  municipalityCode!: string;

  /** address_differs (same name, birth date and sex, another address) or name_one_edit. */
  @Column({ type: 'varchar', length: 24 })
  reason!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: ReviewStatus;

  @Column({ type: 'varchar', length: 64, nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;
}
