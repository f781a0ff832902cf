import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The J-LIS 申請書ID (23 digits) and QR payload printed on one person's form. Both are opaque per-person
 * data: a newer file replaces a person's row. Personal data (it identifies the form's owner).
 */
@Entity('application_ids')
@Index('uq_application_ids_number', ['insuredNumber'], { unique: true })
export class ApplicationIdEntry {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 8 })
  insuredNumber!: string;

  @Column({ type: 'varchar', length: 23 })
  applicationId!: string;

  /** Printed as a QR code exactly as given. */
  @Column({ type: 'text' })
  qrData!: string;

  @Column({ type: 'int' })
  importId!: number;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
