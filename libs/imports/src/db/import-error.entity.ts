import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One problem of an import, as the admin reads it (the first 1,000 per import are kept). Never a cell's value. */
@Entity('import_errors')
@Index('idx_import_errors_import', ['importId'])
export class ImportErrorRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  importId!: number;

  /** Row as a spreadsheet shows it (the header is row 1); null for a problem with the whole file. */
  @Column({ type: 'int', nullable: true })
  rowNumber!: number | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  columnName!: string | null;

  @Column({ type: 'varchar', length: 48 })
  code!: string;

  @Column({ type: 'varchar', length: 500 })
  message!: string;
}
