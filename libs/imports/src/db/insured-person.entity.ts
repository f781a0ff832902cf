import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One insured person (被保険者) as the latest insured list that carried them says: the 4 information
 * items, reading, postal address, loss of qualification and an alternative delivery address (送付先変更届).
 * Personal data: read it only through scoped, audited services, and never log it.
 *
 * Keyed by 被保険者番号 (unique); a newer import replaces the person's row. Match keys are not stored:
 * matching computes them from these items with the current key and normalisation. The surrogate id keeps
 * inserts in the clustered index sequential.
 */
@Entity('insured_persons')
@Index('uq_insured_persons_number', ['insuredNumber'], { unique: true })
@Index('idx_insured_persons_municipality', ['municipalityCode'])
export class InsuredPerson {
  @PrimaryGeneratedColumn()
  id!: number;

  /** 被保険者番号, 8 digits (leading zeros matter). */
  @Column({ type: 'varchar', length: 8 })
  insuredNumber!: string;

  @Column({ type: 'varchar', length: 6 })
  municipalityCode!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 100 })
  nameKana!: string;

  /** ISO `YYYY-MM-DD`. */
  @Column({ type: 'varchar', length: 10 })
  birthDate!: string;

  @Column({ type: 'varchar', length: 6 })
  sex!: 'male' | 'female';

  /** 7 digits. */
  @Column({ type: 'varchar', length: 7 })
  postalCode!: string;

  @Column({ type: 'varchar', length: 200 })
  address!: string;

  /** 資格喪失日 (ISO); qualified on a day before it. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  lossDate!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  deliveryName!: string | null;

  @Column({ type: 'varchar', length: 7, nullable: true })
  deliveryPostalCode!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  deliveryAddress!: string | null;

  /** The import that last wrote this person. */
  @Column({ type: 'int' })
  importId!: number;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
