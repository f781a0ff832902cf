import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One of Hokkaido's 179 municipalities (市町村), keyed by its 6-digit code with check digit. */
@Entity('municipalities')
export class Municipality {
  @PrimaryColumn({ type: 'varchar', length: 6 })
  code!: string;

  @Column({ type: 'varchar', length: 32 })
  name!: string;

  @Column({ type: 'varchar', length: 64 })
  kana!: string;

  @Column({ type: 'varchar', length: 32 })
  subprefecture!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  district!: string | null;

  @Column({ type: 'int' })
  population!: number;

  /** Inquiries per day the municipal counter can take (admin setting). */
  @Column({ type: 'int' })
  counterCapacity!: number;

  /** Phone number printed for this municipality's counter (admin setting). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  contactPhone!: string | null;
}
