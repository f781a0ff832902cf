import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A category of inquiry (分類): seeded for the mailing, more added by administrators. */
@Entity('inquiry_categories')
export class InquiryCategory {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'varchar', length: 64 })
  label!: string;

  /** Display order on the desk (the first ten are on number keys). */
  @Column({ type: 'int' })
  sortOrder!: number;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;
}
