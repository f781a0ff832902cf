import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { GuardDetectorState } from '../rules/guard-detector';
import type { GuardRule } from '../rules/guard-rule';

/** One version of the whole rule set (`PUT /api/guard/rules` stores a new one; GET answers the latest). */
@Entity('guard_rule_sets')
export class GuardRuleSet {
  @PrimaryColumn({ type: 'int' })
  version!: number;

  /** The rules (a JSON column: many municipality rules can outgrow TEXT). */
  @Column({ type: 'json' })
  rules!: GuardRule[];

  @Column({ type: 'varchar', length: 64 })
  createdBy!: string;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;
}

/**
 * One trip of a rule (a guard event): what was decided, on what evidence, which waves it held, and what
 * people (or the guard's auto resume) did with it. `eventKey` is the decision's stable key: unique, so the same
 * trip decided again by a second API process or a rebuild of the state is not stored twice.
 */
@Entity('guard_events')
@Index('uq_guard_events_key', ['eventKey'], { unique: true })
@Index('idx_guard_events_open', ['resumedAt', 'id'])
export class GuardEvent {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 191 })
  eventKey!: string;

  @Column({ type: 'varchar', length: 64 })
  ruleId!: string;

  @Column({ type: 'int' })
  ruleVersion!: number;

  @Column({ type: 'varchar', length: 100 })
  ruleName!: string;

  /** `spike` or `capacity`. */
  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  /** `union` or `municipality`. */
  @Column({ type: 'varchar', length: 16 })
  scope!: string;

  @Column({ type: 'varchar', length: 6, nullable: true })
  municipalityCode!: string | null;

  /** `auto` (the guard resumes by itself) or `manual` (a supervisor does; also after 保留を続ける). */
  @Column({ type: 'varchar', length: 8 })
  resumeMode!: string;

  /** GuardEvidence as JSON text. */
  @Column({ type: 'text' })
  evidence!: string;

  /** The ids of the waves this trip held, as JSON text (number[]). */
  @Column({ type: 'text' })
  wavesHeld!: string;

  /** When the detector decided (the clock of the inquiry or tick that tripped). */
  @Column({ type: 'datetime', precision: 3 })
  decidedAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  /** When the holds were carried out (null: decided, not yet applied). */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  appliedAt!: Date | null;

  /** When `guard:alert` went out through Redis to every API process (null: to be re-published). */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  alertedAt!: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  acknowledgedBy!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  keptBy!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  keptAt!: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  keptReason!: string | null;

  /** `guard` for an auto resume, else the supervisor's user name. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  resumedBy!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  resumedAt!: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  resumeReason!: string | null;

  /** The auto resume's evidence (GuardEvidence JSON). */
  @Column({ type: 'text', nullable: true })
  resumeEvidence!: string | null;

  /** When the held waves were resumed (null after an auto resume was decided and not yet carried out). */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  resumeAppliedAt!: Date | null;
}

/** The detector's state: one row (id 1), changed only by compare-and-set on `revision`. */
@Entity('guard_state')
export class GuardStateRow {
  @PrimaryColumn({ type: 'int' })
  id!: number;

  /** The detector's toJSON() (a JSON column: about 400 bytes per active scope, more than TEXT holds for 179). */
  @Column({ type: 'json' })
  state!: GuardDetectorState;

  @Column({ type: 'int' })
  revision!: number;

  /** Every inquiry with a lower or equal id was fed (except the `gaps`). */
  @Column({ type: 'int' })
  lastInquiryId!: number;

  /** Ids below lastInquiryId not yet seen (inserts that had not committed), JSON `[{ id, since }]`. */
  @Column({ type: 'text' })
  gaps!: string;

  /** The day in Japan the state belongs to (YYYY-MM-DD). */
  @Column({ type: 'varchar', length: 10 })
  day!: string;

  /** The last day the capacity rules ran. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  capacityCheckedDay!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
