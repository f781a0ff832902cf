import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CallerType, InquiryChannel, InquiryOutcome } from '@wavedesk/contracts';

/**
 * One logged call or visit (問い合わせ). No customer record: only what the load figures and the municipal
 * follow-up need. Times are stored in UTC; days and hours are counted in Japan time.
 */
@Entity('inquiries')
// Load counting: today's rows by time, grouped by municipality (covering index).
@Index('idx_inquiries_received', ['receivedAt', 'municipalityCode'])
// A municipality's own list, newest first.
@Index('idx_inquiries_municipality', ['municipalityCode', 'id'])
// A retried POST with the same Idempotency-Key by the same user can never insert a second row.
@Index('uq_inquiries_idempotency', ['loggedById', 'idempotencyKey'], { unique: true })
export class Inquiry {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 6 })
  municipalityCode!: string;

  @Column({ type: 'varchar', length: 16 })
  channel!: InquiryChannel;

  @Column({ type: 'varchar', length: 32 })
  category!: string;

  @Column({ type: 'varchar', length: 16 })
  callerType!: CallerType;

  @Column({ type: 'varchar', length: 16 })
  outcome!: InquiryOutcome;

  /** When the call or visit happened (defaults to when it was logged). */
  @Column({ type: 'datetime', precision: 3 })
  receivedAt!: Date;

  @Column({ type: 'int', nullable: true })
  durationSeconds!: number | null;

  /** The 23-digit 申請書ID the caller read out, if any (never the 個人番号). */
  @Column({ type: 'varchar', length: 23, nullable: true })
  applicationId!: string | null;

  /** Free text, at most 1000 characters; refused when it carries a valid 個人番号. Never logged. */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** The wave that most likely caused the inquiry; null until dispersed waves exist (issue 5). */
  @Column({ type: 'int', nullable: true })
  waveId!: number | null;

  @Column({ type: 'int' })
  loggedById!: number;

  @Column({ type: 'datetime', precision: 3 })
  loggedAt!: Date;

  /** The client's Idempotency-Key header, unique per user. */
  @Column({ type: 'varchar', length: 128, nullable: true })
  idempotencyKey!: string | null;

  /** SHA-256 of the request body, so that a reused key with a different body is refused. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  requestHash!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  handledAt!: Date | null;

  @Column({ type: 'int', nullable: true })
  handledById!: number | null;
}
