/**
 * Guard rules (負荷監視ルール): data that says when the load guard holds the next wave, and when it lets it go
 * again. Rules are plain JSON so an administrator can edit them (`PUT /api/guard/rules`); every edit bumps
 * `version`, and the detector's saved statistics for a rule are only reused under the same version.
 *
 * Two kinds:
 * - `spike`: the logged inquiries run significantly above the forecast (a Poisson CUSUM, spike-statistic.ts).
 * - `capacity`: the forecast for the coming business days, with the next wave added, exceeds what the
 *   operators on duty (Erlang C) or a municipality's counter can take (capacity-check.ts).
 *
 * Two levels: `union` (all of Hokkaido) and `municipality`. A municipality rule without `municipalityCode`
 * applies to every municipality that has no rule of its own of the same kind; one with a code applies to
 * that municipality only and replaces the general one there.
 *
 * The defaults and the reasons for them are in docs/guard.md (§ Rules); the evaluation in bench/guard
 * measured them.
 */
import { badRequest, isValidMunicipalityCode } from '@wavedesk/common';
import type { FieldError } from '@wavedesk/contracts';

export type GuardLevel = 'union' | 'municipality';
export type GuardRuleKind = 'spike' | 'capacity';

export interface GuardResumePolicy {
  /** `manual`: a supervisor resumes (with a reason). `auto`: the guard resumes once load stays low. */
  mode: 'manual' | 'auto';
  /**
   * Auto-resume level. Spike rules: logged inquiries ≤ belowRatio × forecast over the last `forMinutes`
   * of opening hours. Capacity rules: the forecast with the next wave ≤ belowRatio × capacity.
   * Below the trip level, so the guard does not flap (hysteresis).
   */
  belowRatio: number;
  /** How long the load must stay below that level (spike: open minutes; capacity: clock minutes). */
  forMinutes: number;
}

export interface SpikeParams {
  /** The forecast's clock intervals, in minutes (15; a divisor of 60). Auto-resume is checked per interval. */
  intervalMinutes: number;
  /** The rise the test looks for: the CUSUM weighs "k × forecast" against "the forecast" (k = 2). */
  multiplier: number;
  /** The CUSUM's trip level h, in nats of log-likelihood ratio. */
  threshold: number;
  /** A trip also needs at least this many inquiries in the last `windowMinutes`. */
  minCount: number;
  /** The window for `minCount`, in minutes (a multiple of `intervalMinutes`). */
  windowMinutes: number;
  /**
   * The forecast used is at least this many inquiries a day (spread by the intraday profile), so that a
   * municipality with no wave yet does not trip on a handful of early calls.
   */
  minExpectedPerDay: number;
}

export interface CapacityParams {
  /** Business days looked ahead, starting today (10: the next wave's arrival and peak fit in). */
  horizonBusinessDays: number;
  /** Trip when the forecast exceeds loadRatio × capacity (1: as soon as it exceeds it). */
  loadRatio: number;
  /** Union rules: the Erlang C interval in minutes (30). */
  intervalMinutes: number;
  /** Union rules: service-level goal (0.8 answered within `targetSeconds`). */
  serviceLevel: number;
  targetSeconds: number;
  /** Union rules: average handling time in seconds (360 until logged durations say otherwise). */
  ahtSeconds: number;
}

interface GuardRuleBase {
  id: string;
  version: number;
  /** What the rule is called on screen (Japanese). */
  name: string;
  scope: GuardLevel;
  /** Only for a municipality rule of one municipality (6 digits with check digit). */
  municipalityCode?: string;
  action: 'hold';
  resume: GuardResumePolicy;
  enabled: boolean;
}

export interface SpikeRule extends GuardRuleBase {
  kind: 'spike';
  params: SpikeParams;
}

export interface CapacityRule extends GuardRuleBase {
  kind: 'capacity';
  params: CapacityParams;
}

export type GuardRule = SpikeRule | CapacityRule;

export const DEFAULT_SPIKE_PARAMS: Readonly<SpikeParams> = Object.freeze({
  intervalMinutes: 15,
  multiplier: 2,
  threshold: 7,
  minCount: 5,
  windowMinutes: 30,
  minExpectedPerDay: 1,
});

export const DEFAULT_CAPACITY_PARAMS: Readonly<CapacityParams> = Object.freeze({
  horizonBusinessDays: 10,
  loadRatio: 1,
  intervalMinutes: 30,
  serviceLevel: 0.8,
  targetSeconds: 20,
  ahtSeconds: 360,
});

/** The rules a fresh installation starts with (docs/guard.md explains each figure). */
export const DEFAULT_GUARD_RULES: readonly GuardRule[] = Object.freeze([
  {
    id: 'spike-municipality',
    version: 1,
    name: '市町村の問い合わせ急増',
    scope: 'municipality',
    kind: 'spike',
    params: { ...DEFAULT_SPIKE_PARAMS },
    action: 'hold',
    resume: { mode: 'auto', belowRatio: 1.2, forMinutes: 120 },
    enabled: true,
  },
  {
    id: 'spike-union',
    version: 1,
    name: '全道の問い合わせ急増',
    scope: 'union',
    kind: 'spike',
    params: { ...DEFAULT_SPIKE_PARAMS, threshold: 10, minCount: 10, minExpectedPerDay: 10 },
    action: 'hold',
    resume: { mode: 'auto', belowRatio: 1.1, forMinutes: 120 },
    enabled: true,
  },
  {
    id: 'capacity-call-center',
    version: 1,
    name: 'コールセンターの対応能力',
    scope: 'union',
    kind: 'capacity',
    params: { ...DEFAULT_CAPACITY_PARAMS },
    action: 'hold',
    resume: { mode: 'manual', belowRatio: 0.95, forMinutes: 0 },
    enabled: true,
  },
  {
    id: 'capacity-counter',
    version: 1,
    name: '市町村窓口の対応能力',
    scope: 'municipality',
    kind: 'capacity',
    params: { ...DEFAULT_CAPACITY_PARAMS },
    action: 'hold',
    resume: { mode: 'manual', belowRatio: 0.95, forMinutes: 0 },
    enabled: true,
  },
] satisfies GuardRule[]);

/** `union` or the municipality's code: the key of one scope a rule watches. */
export type ScopeKey = string;
export const UNION_SCOPE: ScopeKey = 'union';

/** Whether `rule` watches `municipalityCode` (a general municipality rule yields to a specific one). */
export function ruleAppliesTo(rule: GuardRule, municipalityCode: string, rules: readonly GuardRule[]): boolean {
  if (!rule.enabled || rule.scope !== 'municipality') return false;
  if (rule.municipalityCode !== undefined) return rule.municipalityCode === municipalityCode;
  return !rules.some((r) => r.enabled && r.scope === 'municipality' && r.kind === rule.kind && r.municipalityCode === municipalityCode);
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Checks a rule set as an administrator sends it; throws one 400 naming every wrong field in Japanese.
 * Returns the rules unchanged when they are fine.
 */
export function validateGuardRules(rules: unknown): GuardRule[] {
  const errors: FieldError[] = [];
  const add = (field: string, code: string, message: string) => errors.push({ field, code, message });
  if (!Array.isArray(rules)) {
    add('rules', 'not_an_array', 'ルールは配列で指定してください。');
    throw badRequest('invalid_guard_rules', '負荷監視ルールの指定に誤りがあります。', errors);
  }
  const ids = new Set<string>();
  rules.forEach((raw: unknown, i) => {
    const f = `rules[${i}]`;
    const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    if (typeof r.id !== 'string' || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(r.id)) {
      add(`${f}.id`, 'invalid_id', 'ルールIDは英小文字・数字・ハイフンの64文字以内で指定してください。');
    } else if (ids.has(r.id)) {
      add(`${f}.id`, 'duplicate_id', `ルールID ${r.id} が重複しています。`);
    } else ids.add(r.id);
    if (!Number.isSafeInteger(r.version) || (r.version as number) < 1) add(`${f}.version`, 'invalid_version', '版数は1以上の整数で指定してください。');
    if (typeof r.name !== 'string' || r.name.trim() === '') add(`${f}.name`, 'required', 'ルール名を入力してください。');
    if (r.scope !== 'union' && r.scope !== 'municipality') add(`${f}.scope`, 'invalid_scope', '対象は union（広域連合全体）か municipality（市町村）で指定してください。');
    if (r.municipalityCode !== undefined) {
      if (r.scope !== 'municipality') add(`${f}.municipalityCode`, 'not_allowed', '市町村コードは市町村単位のルールにだけ指定できます。');
      else if (typeof r.municipalityCode !== 'string' || !isValidMunicipalityCode(r.municipalityCode)) {
        add(`${f}.municipalityCode`, 'invalid_municipality_code', '市町村コードは検査数字付きの6桁で指定してください。');
      }
    }
    if (r.action !== 'hold') add(`${f}.action`, 'invalid_action', '動作は hold（保留）だけが指定できます。');
    if (typeof r.enabled !== 'boolean') add(`${f}.enabled`, 'invalid_boolean', '有効・無効は true か false で指定してください。');
    checkResume(r.resume, `${f}.resume`, add);
    const p = (typeof r.params === 'object' && r.params !== null ? r.params : {}) as Record<string, unknown>;
    if (r.kind === 'spike') checkSpike(p, `${f}.params`, add);
    else if (r.kind === 'capacity') checkCapacity(p, `${f}.params`, add);
    else add(`${f}.kind`, 'invalid_kind', '種類は spike（急増）か capacity（対応能力）で指定してください。');
  });
  if (errors.length > 0) throw badRequest('invalid_guard_rules', '負荷監視ルールの指定に誤りがあります。', errors);
  return rules as GuardRule[];
}

type Add = (field: string, code: string, message: string) => void;

function checkResume(value: unknown, f: string, add: Add): void {
  const r = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (r.mode !== 'manual' && r.mode !== 'auto') add(`${f}.mode`, 'invalid_mode', '再開方法は manual（手動）か auto（自動）で指定してください。');
  if (!isNumber(r.belowRatio) || r.belowRatio <= 0) add(`${f}.belowRatio`, 'not_positive', '再開の基準（予測に対する比）は0より大きい数で指定してください。');
  if (!isNumber(r.forMinutes) || r.forMinutes < 0) add(`${f}.forMinutes`, 'negative', '再開までの継続時間（分）は0以上で指定してください。');
}

function checkSpike(p: Record<string, unknown>, f: string, add: Add): void {
  const interval = p.intervalMinutes;
  if (!Number.isInteger(interval) || (interval as number) <= 0 || 60 % (interval as number) !== 0) {
    add(`${f}.intervalMinutes`, 'out_of_range', '集計間隔は60を割り切れる分数（5、10、15、30、60）で指定してください。');
  }
  if (!isNumber(p.multiplier) || p.multiplier <= 1) add(`${f}.multiplier`, 'out_of_range', '検出する倍率は1より大きい数で指定してください。');
  if (!isNumber(p.threshold) || p.threshold <= 0) add(`${f}.threshold`, 'not_positive', 'しきい値は0より大きい数で指定してください。');
  if (!Number.isSafeInteger(p.minCount) || (p.minCount as number) < 0) add(`${f}.minCount`, 'invalid_count', '最少件数は0以上の整数で指定してください。');
  const w = p.windowMinutes;
  if (!Number.isInteger(w) || (w as number) <= 0 || (Number.isInteger(interval) && (w as number) % (interval as number) !== 0)) {
    add(`${f}.windowMinutes`, 'out_of_range', '最少件数を数える時間は集計間隔の倍数（分）で指定してください。');
  }
  if (!isNumber(p.minExpectedPerDay) || p.minExpectedPerDay < 0) add(`${f}.minExpectedPerDay`, 'negative', '予測件数の下限は0以上で指定してください。');
}

function checkCapacity(p: Record<string, unknown>, f: string, add: Add): void {
  if (!Number.isSafeInteger(p.horizonBusinessDays) || (p.horizonBusinessDays as number) < 1 || (p.horizonBusinessDays as number) > 60) {
    add(`${f}.horizonBusinessDays`, 'out_of_range', '見通す営業日数は1〜60で指定してください。');
  }
  if (!isNumber(p.loadRatio) || p.loadRatio <= 0) add(`${f}.loadRatio`, 'not_positive', '対応能力に対する比は0より大きい数で指定してください。');
  const interval = p.intervalMinutes;
  if (!Number.isInteger(interval) || (interval as number) <= 0 || 60 % (interval as number) !== 0) {
    add(`${f}.intervalMinutes`, 'out_of_range', 'アーランCの区間は60を割り切れる分数で指定してください。');
  }
  if (!isNumber(p.serviceLevel) || p.serviceLevel <= 0 || p.serviceLevel >= 1) add(`${f}.serviceLevel`, 'out_of_range', 'サービスレベル目標は0より大きく1より小さい数で指定してください。');
  if (!isNumber(p.targetSeconds) || p.targetSeconds < 0) add(`${f}.targetSeconds`, 'negative', '目標応答時間（秒）は0以上で指定してください。');
  if (!isNumber(p.ahtSeconds) || p.ahtSeconds <= 0) add(`${f}.ahtSeconds`, 'not_positive', '平均処理時間（秒）は0より大きい数で指定してください。');
}
