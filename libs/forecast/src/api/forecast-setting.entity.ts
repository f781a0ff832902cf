import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One forecast setting an admin can change, e.g. `useRecalibrated` (stored as JSON text). */
@Entity('forecast_settings')
export class ForecastSetting {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key!: string;

  @Column({ type: 'text' })
  value!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  updatedBy!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
