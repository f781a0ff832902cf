import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The roster's default (one row, id 1): operators on duty on a business day with no override. */
@Entity('roster_settings')
export class RosterSetting {
  @PrimaryColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'int' })
  defaultOperators!: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  updatedBy!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}

/** One date set apart from the default (e.g. 2027-02-15 → 1 operator). */
@Entity('roster_overrides')
export class RosterOverrideRow {
  @PrimaryColumn({ type: 'varchar', length: 10 })
  date!: string;

  @Column({ type: 'int' })
  operators!: number;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  updatedBy!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
