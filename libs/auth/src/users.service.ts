import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@wavedesk/config';
import type { AuthUser, Role } from '@wavedesk/contracts';
import { AuditService } from '@wavedesk/audit';
import { badRequest, DomainError, isValidMunicipalityCode, notFound } from '@wavedesk/common';
import { User } from './user.entity';
import { hashPassword } from './password';
import { AuthService } from './auth.service';
import type { CreateUserDto, UpdateUserDto } from './dto/user.dto';

/** What the API shows of a user: never the password hash. */
export interface UserView {
  id: number;
  username: string;
  role: Role;
  municipalityCode: string | null;
  disabled: boolean;
  lockedUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const toUserView = (u: User): UserView => ({
  id: u.id,
  username: u.username,
  role: u.role,
  municipalityCode: u.municipalityCode,
  disabled: u.disabled,
  lockedUntil: u.lockedUntil,
  createdAt: u.createdAt,
  updatedAt: u.updatedAt,
});

/** Known municipality codes, answered by the municipalities library (kept as a callback to avoid a cycle). */
export abstract class MunicipalityDirectory {
  abstract exists(code: string): Promise<boolean>;
}

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Users');

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly municipalities: MunicipalityDirectory,
    private readonly auth: AuthService,
  ) {}

  /** On first start with no users, create `admin` with WAVEDESK_ADMIN_PASSWORD or a generated password printed once. */
  async onApplicationBootstrap(): Promise<void> {
    if ((await this.users.count()) > 0) return;
    const generated = !this.config.adminPassword;
    const password = this.config.adminPassword ?? randomBytes(12).toString('base64url');
    const now = new Date();
    try {
      await this.users.insert({
        username: 'admin', passwordHash: await hashPassword(password), role: 'admin', municipalityCode: null,
        disabled: false, failedLogins: 0, lockedUntil: null, tokenVersion: 0, createdAt: now, updatedAt: now,
      });
    } catch {
      return; // another process created it first
    }
    await this.audit.record({ action: 'user.create', target: 'user:admin', detail: { role: 'admin', firstStart: true } });
    if (generated) {
      process.stdout.write(
        `\n============================================================\n` +
          ` wavedesk: 初期管理者を作成しました / first admin created\n` +
          `   username: admin\n   password: ${password}\n` +
          ` このパスワードは一度だけ表示されます。ログイン後に変更してください。\n` +
          `============================================================\n\n`,
      );
    } else {
      this.logger.log('first admin created with the password from WAVEDESK_ADMIN_PASSWORD');
    }
  }

  async list(): Promise<UserView[]> {
    return (await this.users.find({ order: { id: 'ASC' } })).map(toUserView);
  }

  async get(id: number): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw notFound('user_not_found', `ユーザー（ID ${id}）が見つかりません。`);
    return user;
  }

  async create(dto: CreateUserDto, actor: AuthUser, clientAddress: string): Promise<UserView> {
    const municipalityCode = await this.checkRoleAndMunicipality(dto.role, dto.municipalityCode ?? null);
    if (await this.users.existsBy({ username: dto.username })) {
      const message = `ユーザー名「${dto.username}」は既に使われています。`;
      throw new DomainError(409, 'username_taken', message, [{ field: 'username', code: 'username_taken', message }]);
    }
    const now = new Date();
    const user = await this.users.save(
      this.users.create({
        username: dto.username, passwordHash: await hashPassword(dto.password), role: dto.role, municipalityCode,
        disabled: false, failedLogins: 0, lockedUntil: null, tokenVersion: 0, createdAt: now, updatedAt: now,
      }),
    );
    await this.audit.record({
      actor, action: 'user.create', target: `user:${user.id}`, clientAddress,
      detail: { username: user.username, role: user.role, municipalityCode },
    });
    return toUserView(user);
  }

  async update(id: number, dto: UpdateUserDto, actor: AuthUser, clientAddress: string): Promise<UserView> {
    const user = await this.get(id);
    const role = dto.role ?? user.role;
    const municipalityCode = await this.checkRoleAndMunicipality(
      role,
      dto.municipalityCode !== undefined ? dto.municipalityCode : role === 'municipal' ? user.municipalityCode : null,
    );
    if (user.id === actor.id && (dto.disabled || (dto.role && dto.role !== 'admin'))) {
      throw badRequest('cannot_demote_self', '自分自身を無効化したり、管理者以外に変更したりすることはできません。');
    }
    const changes: Record<string, unknown> = {};
    if (dto.role && dto.role !== user.role) changes.role = dto.role;
    if (municipalityCode !== user.municipalityCode) changes.municipalityCode = municipalityCode;
    if (dto.disabled !== undefined && dto.disabled !== user.disabled) changes.disabled = dto.disabled;
    if (dto.password) changes.password = '(changed)';
    user.role = role;
    user.municipalityCode = municipalityCode;
    if (dto.disabled !== undefined) user.disabled = dto.disabled;
    if (dto.password) {
      user.passwordHash = await hashPassword(dto.password);
      user.failedLogins = 0;
      user.lockedUntil = null;
    }
    // Any change of rights or password ends the user's existing sessions.
    if (Object.keys(changes).length > 0) user.tokenVersion += 1;
    user.updatedAt = new Date();
    await this.users.save(user);
    this.auth.userChanged();
    await this.audit.record({
      actor, action: dto.disabled ? 'user.disable' : 'user.update', target: `user:${user.id}`, clientAddress,
      detail: { username: user.username, changes },
    });
    return toUserView(user);
  }

  private async checkRoleAndMunicipality(role: Role, code: string | null): Promise<string | null> {
    if (role !== 'municipal') return null;
    if (!code) {
      throw badRequest('municipality_required', '市町村職員には市町村コードが必要です。', [
        { field: 'municipalityCode', code: 'isDefined', message: '市町村職員には市町村コードを指定してください。' },
      ]);
    }
    if (!isValidMunicipalityCode(code)) {
      // Most often a typo: say so rather than that the municipality is unknown.
      throw badRequest('invalid_municipality_code', `市町村コード ${code} は検査数字（6桁目）が正しくありません。`, [
        { field: 'municipalityCode', code: 'invalid_check_digit', message: `市町村コード ${code} は検査数字（6桁目）が正しくありません。` },
      ]);
    }
    if (!(await this.municipalities.exists(code))) {
      throw badRequest('unknown_municipality', `市町村コード ${code} は広域連合の市町村ではありません。`, [
        { field: 'municipalityCode', code: 'unknown_municipality', message: `市町村コード ${code} は広域連合の市町村ではありません。` },
      ]);
    }
    return code;
  }
}
