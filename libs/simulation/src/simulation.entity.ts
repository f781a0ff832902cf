import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { SimulationPhase, SimulationScenario, SimulationStatus } from '@wavedesk/contracts';

/**
 * One simulator run. While its clock runs (`status = running`, `clockStartedAt` set) the API and the
 * worker both derive "now" from `startDate`, `clockStartedAt` and `speed` (SimulationClock), so the two
 * processes agree without talking. `activeKey` is 'active' for the one run that may be going at a time
 * (UNIQUE: a second start loses the race), null once it ended.
 */
@Entity('simulations')
export class SimulationRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 16 })
  scenario!: SimulationScenario;

  @Column({ type: 'double' })
  scale!: number;

  @Column({ type: 'double' })
  speed!: number;

  @Column({ type: 'int' })
  seed!: number;

  @Column({ type: 'double' })
  multiplier!: number;

  @Column({ type: 'double' })
  hours!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: SimulationStatus;

  @Column({ type: 'varchar', length: 24 })
  phase!: SimulationPhase;

  @Column({ type: 'int' })
  progress!: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  message!: string | null;

  @Index('uq_simulations_active', { unique: true })
  @Column({ type: 'varchar', length: 8, nullable: true })
  activeKey!: string | null;

  @Column({ type: 'int', nullable: true })
  campaignId!: number | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  startDate!: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  endDate!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  clockStartedAt!: Date | null;

  @Column({ type: 'int', nullable: true })
  targets!: number | null;

  @Column({ type: 'int' })
  inquiriesLogged!: number;

  @Column({ type: 'int' })
  inquiriesFailed!: number;

  @Column({ type: 'int' })
  wavesReleased!: number;

  @Column({ type: 'int' })
  holdsSeen!: number;

  @Column({ type: 'int', nullable: true })
  operatorsOnDuty!: number | null;

  @Column({ type: 'varchar', length: 64 })
  createdBy!: string;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  finishedAt!: Date | null;
}
