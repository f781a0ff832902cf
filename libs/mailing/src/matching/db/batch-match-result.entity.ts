import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const MATCH_OUTCOMES = ['target', 'excluded_holder', 'excluded_already_formed', 'disqualified', 'review'] as const;
/**
 * target: gets a form; excluded_holder: already holds a card; excluded_already_formed: already given a form
 * in this campaign; disqualified: lost qualification on or before the match date; review: a possible card
 * holder an admin must settle (match_reviews).
 */
export type MatchOutcomeKind = (typeof MATCH_OUTCOMES)[number];

/** What the latest matching of a batch decided for one insured person of its municipalities. */
@Entity('batch_match_results')
@Index('idx_batch_match_results_outcome', ['batchId', 'municipalityCode', 'outcome'])
export class BatchMatchResult {
  @PrimaryColumn({ type: 'int' })
  batchId!: number;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  insuredNumber!: string;

  @Column({ type: 'varchar', length: 6 })
  municipalityCode!: string;

  @Column({ type: 'varchar', length: 24 })
  outcome!: MatchOutcomeKind;

  /** insured_number | exact (excluded_holder), address_differs | name_one_edit (review), loss_date, formed. */
  @Column({ type: 'varchar', length: 24, nullable: true })
  reason!: string | null;
}
