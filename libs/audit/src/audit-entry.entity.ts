import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One row of the append-only audit log: who did what to which target, when and from where. */
@Entity('audit_log')
@Index('idx_audit_at', ['at'])
@Index('idx_audit_action', ['action'])
export class AuditEntry {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'datetime', precision: 3 })
  at!: Date;

  @Column({ type: 'int', nullable: true })
  actorId!: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  actorName!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  actorRole!: string | null;

  /** What happened, e.g. `auth.login`, `auth.login_failed`, `user.create`, `import.insured`, `wave.hold`. */
  @Column({ type: 'varchar', length: 64 })
  action!: string;

  /** What it happened to, e.g. `user:12`, `wave:3`, `municipality:011002`. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  target!: string | null;

  /** Whether it succeeded. */
  @Column({ type: 'boolean', default: true })
  success!: boolean;

  /** Free detail as JSON text; never personal data. */
  @Column({ type: 'text', nullable: true })
  detail!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  clientAddress!: string | null;
}
