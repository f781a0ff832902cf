import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const LEDGER_STATUSES = ['assigned', 'withdrawn'] as const;
/** assigned: the person's form is in this wave (and, once released, in one unit); withdrawn: taken out (now a card holder). */
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];

/**
 * The form ledger (申請書台帳): one row per person per campaign. UNIQUE(campaignId, insuredNumber) is what
 * makes "a person is never in two waves or two units" a database fact rather than a hope.
 * Holds no personal data beyond the 被保険者番号 and the 申請書ID.
 */
@Entity('form_ledger')
@Index('uq_form_ledger_person', ['campaignId', 'insuredNumber'], { unique: true })
@Index('idx_form_ledger_wave', ['waveId', 'status'])
@Index('idx_form_ledger_unit', ['unitId'])
@Index('idx_form_ledger_application', ['applicationId'])
export class FormLedgerEntry {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  campaignId!: number;

  @Column({ type: 'varchar', length: 8 })
  insuredNumber!: string;

  @Column({ type: 'varchar', length: 6 })
  municipalityCode!: string;

  @Column({ type: 'int' })
  waveId!: number;

  /** The release unit, from release on. */
  @Column({ type: 'int', nullable: true })
  unitId!: number | null;

  @Column({ type: 'varchar', length: 23 })
  applicationId!: string;

  /** True while the 申請書ID is a made-up placeholder (no J-LIS file yet). */
  @Column({ type: 'boolean', default: false })
  placeholder!: boolean;

  @Column({ type: 'varchar', length: 16 })
  status!: LedgerStatus;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  withdrawnAt!: Date | null;
}
