import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@wavedesk/audit';
import { Clock, conflict } from '@wavedesk/common';
import type { AuthUser } from '@wavedesk/contracts';
import { DEFAULT_GUARD_RULES, validateGuardRules, type GuardRule } from '../rules/guard-rule';
import { ruleSetChanged, versionRules } from '../rules/rule-set-versions';
import { GuardRuleSet } from './guard.entities';

export interface GuardRuleSetView {
  version: number;
  rules: GuardRule[];
  createdBy: string;
  createdAt: string;
}

const isDuplicate = (error: unknown): boolean => /duplicate|unique/i.test(String((error as Error)?.message));

/**
 * The guard's rule set, versioned: GET answers the latest version (the defaults are stored as version 1 on
 * first use), PUT validates and stores a new version with each edited rule's own version raised.
 * Cached per process; `generation` tells the evaluator when another process stored a newer version.
 */
@Injectable()
export class GuardRulesService {
  private cached: GuardRuleSetView | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The latest rule set (read from the database: another process may have stored a newer one). */
  async current(): Promise<GuardRuleSetView> {
    const repo = this.dataSource.getRepository(GuardRuleSet);
    const [latest] = await repo.find({ order: { version: 'DESC' }, take: 1 });
    if (latest) {
      if (this.cached?.version !== latest.version) this.cached = toView(latest);
      return this.cached;
    }
    try {
      await repo.insert({ version: 1, rules: [...DEFAULT_GUARD_RULES], createdBy: 'system', createdAt: this.clock.now() });
    } catch (error) {
      if (!isDuplicate(error)) throw error; // another process seeded them at the same moment
    }
    return this.current();
  }

  /** Stores the rules an administrator sent as a new version (400 with a Japanese message per field). Audited with before and after. */
  async save(sent: unknown, actor: AuthUser, clientAddress?: string): Promise<GuardRuleSetView> {
    const rules = validateGuardRules(sent);
    const before = await this.current();
    const highest = await this.highestVersions();
    const next = versionRules(rules, before.rules, highest);
    if (!ruleSetChanged(next, before.rules)) return before;
    const row: GuardRuleSet = { version: before.version + 1, rules: next, createdBy: actor.username, createdAt: this.clock.now() };
    try {
      await this.dataSource.getRepository(GuardRuleSet).insert(row);
    } catch (error) {
      if (isDuplicate(error)) throw conflict('guard_rules_changed', '他の管理者が同時に監視ルールを保存しました。画面を更新してからやり直してください。', { version: before.version + 1 });
      throw error;
    }
    await this.audit.record({
      actor, action: 'guard.rules', target: `guard-rules:${row.version}`, clientAddress,
      detail: { version: { from: before.version, to: row.version }, before: before.rules, after: next },
    });
    return this.current();
  }

  private async highestVersions(): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const set of await this.dataSource.getRepository(GuardRuleSet).find()) {
      for (const r of set.rules) out.set(r.id, Math.max(out.get(r.id) ?? 0, r.version));
    }
    return out;
  }
}

const toView = (row: GuardRuleSet): GuardRuleSetView => ({
  version: row.version,
  rules: row.rules,
  createdBy: row.createdBy,
  createdAt: new Date(row.createdAt).toISOString(),
});
