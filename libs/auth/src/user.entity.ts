import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@wavedesk/contracts';

@Entity('users')
@Index('uq_users_username', ['username'], { unique: true })
export class User {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  username!: string;

  @Column({ type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  /** Set only for `municipal` users: the one municipality they may see. */
  @Column({ type: 'varchar', length: 6, nullable: true })
  municipalityCode!: string | null;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  @Column({ type: 'int', default: 0 })
  failedLogins!: number;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  lockedUntil!: Date | null;

  /** Raised when a user is disabled or their password changes: older tokens stop working. */
  @Column({ type: 'int', default: 0 })
  tokenVersion!: number;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
