/**
 * Checks of what the planner and evaluatePlan are given. Every problem becomes a per-field error with a
 * stable code and a Japanese sentence; one 400 carries them all.
 */
import { badRequest, isValidMunicipalityCode } from '@wavedesk/common';
import type { FieldError } from '@wavedesk/contracts';
import { tryDayNumber, type IsoDate } from '@wavedesk/forecast';
import type { PlanContext, PlanInput, PlanOptions, PlanningMunicipality, ProposedWave } from './planning.types';

export const DEFAULT_PLAN_OPTIONS = { maxWaves: 8, minSpacingBusinessDays: 5 } as const;

export interface ResolvedPlanOptions {
  maxWaves: number;
  minSpacingBusinessDays: number;
  /** Infinity when there is no limit. */
  maxFormsPerWave: number;
}

class Problems {
  readonly list: FieldError[] = [];

  add(field: string, code: string, message: string): void {
    this.list.push({ field, code, message });
  }

  wholeNumber(value: unknown, field: string, label: string, min: number): void {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
      this.add(field, 'invalid_number', `${label}は${min}以上の整数で指定してください。`);
    }
  }

  date(value: unknown, field: string, label: string): boolean {
    if (typeof value === 'string' && tryDayNumber(value) !== undefined) return true;
    this.add(field, 'invalid_date', `${label}は実在する日付（YYYY-MM-DD）で指定してください。`);
    return false;
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw badRequest('invalid_plan_input', '発送計画の入力内容に誤りがあります。', this.list);
  }
}

/** Defaults filled in; the options themselves are checked by {@link checkPlanContext}. */
export function resolvePlanOptions(options: PlanOptions = {}): ResolvedPlanOptions {
  return {
    maxWaves: options.maxWaves ?? DEFAULT_PLAN_OPTIONS.maxWaves,
    minSpacingBusinessDays: options.minSpacingBusinessDays ?? DEFAULT_PLAN_OPTIONS.minSpacingBusinessDays,
    maxFormsPerWave: options.maxFormsPerWave ?? Number.POSITIVE_INFINITY,
  };
}

/** Municipalities, capacities, options and (when given) the window. */
export function checkPlanContext(context: PlanContext): void {
  const p = new Problems();
  checkMunicipalities(p, context.municipalities);
  const cap = context.callCenterCapacityPerDay;
  if (typeof cap !== 'number' || Number.isNaN(cap) || cap < 0) {
    p.add('callCenterCapacityPerDay', 'invalid_number', 'コールセンターの対応可能件数は0以上の数で指定してください。');
  }
  const o = context.options ?? {};
  if (o.maxWaves !== undefined) p.wholeNumber(o.maxWaves, 'options.maxWaves', '波の最大数', 1);
  if (o.minSpacingBusinessDays !== undefined) {
    p.wholeNumber(o.minSpacingBusinessDays, 'options.minSpacingBusinessDays', '波の最小間隔（営業日）', 1);
  }
  if (o.maxFormsPerWave !== undefined) p.wholeNumber(o.maxFormsPerWave, 'options.maxFormsPerWave', '1回の発送数の上限', 1);
  (context.existingWaves ?? []).forEach((w, i) => {
    p.date(w?.mailDate, `existingWaves[${i}].mailDate`, '発送済みの波の発送日');
    p.wholeNumber(w?.forms, `existingWaves[${i}].forms`, '発送済みの波の発送数', 0);
  });
  const hasFrom = context.mailFrom !== undefined && p.date(context.mailFrom, 'mailFrom', '発送期間の開始日');
  const hasTo = context.mailTo !== undefined && p.date(context.mailTo, 'mailTo', '発送期間の終了日');
  if (hasFrom && hasTo && (context.mailTo as IsoDate) < (context.mailFrom as IsoDate)) {
    p.add('mailTo', 'ends_before_start', '発送期間の終了日は開始日以降にしてください。');
  }
  p.throwIfAny();
}

/** The context's checks plus a window that has at least one business day. */
export function checkPlanInput(input: PlanInput): void {
  const p = new Problems();
  if (input.mailFrom === undefined) p.add('mailFrom', 'required', '発送期間の開始日を指定してください。');
  if (input.mailTo === undefined) p.add('mailTo', 'required', '発送期間の終了日を指定してください。');
  p.throwIfAny();
  checkPlanContext(input);
  if (input.model.calendar.businessDaysInRange(input.mailFrom, input.mailTo).length === 0) {
    p.add('mailTo', 'no_business_day', '発送期間に営業日（土日・祝日・年末年始以外の日）がありません。');
  }
  p.throwIfAny();
}

/**
 * A plan mails on business days and every target of the batch exactly once: members name known
 * municipalities, a member with postal groups carries exactly their targets, no group is in two members,
 * and each municipality's members add up to its targets.
 */
export function checkWaves(waves: readonly ProposedWave[], context: PlanContext): void {
  const p = new Problems();
  const byCode = new Map(context.municipalities.map((m) => [m.code, m]));
  const planned = new Map<string, number>();
  const groupSeen = new Set<string>();
  waves.forEach((w, i) => {
    if (p.date(w?.mailDate, `waves[${i}].mailDate`, '発送日')) {
      const closed = context.model.calendar.closedReason(w.mailDate);
      if (closed !== null) p.add(`waves[${i}].mailDate`, 'not_business_day', `第${w.seq}波の発送日 ${w.mailDate} は${closed}です。営業日を選んでください。`);
    }
    (w?.members ?? []).forEach((member, j) => {
      const f = `waves[${i}].members[${j}]`;
      const m = byCode.get(member?.code);
      if (!m) {
        p.add(`${f}.code`, 'unknown_municipality', `市町村コード ${String(member?.code)} はこの発送回の対象にありません。`);
        return;
      }
      const name = m.name ?? m.code;
      p.wholeNumber(member.targets, `${f}.targets`, '発送数', 0);
      planned.set(m.code, (planned.get(m.code) ?? 0) + (Number(member.targets) || 0));
      if (member.postalGroupKeys === undefined) return;
      const groups = new Map((m.postalGroups ?? []).map((g) => [g.key, g.targets]));
      let sum = 0;
      for (const key of member.postalGroupKeys) {
        if (!groups.has(key)) p.add(`${f}.postalGroupKeys`, 'unknown_postal_group', `${name}に郵便番号グループ「${key}」はありません。`);
        if (groupSeen.has(`${m.code}/${key}`)) {
          p.add(`${f}.postalGroupKeys`, 'postal_group_twice', `${name}の郵便番号グループ「${key}」が2つの波に入っています。`);
        }
        groupSeen.add(`${m.code}/${key}`);
        sum += groups.get(key) ?? 0;
      }
      if (sum !== member.targets) {
        p.add(`${f}.targets`, 'targets_mismatch', `${name}の発送数（${member.targets}）が郵便番号グループの対象者数の合計（${sum}）と一致しません。`);
      }
    });
  });
  for (const m of context.municipalities) {
    const sum = planned.get(m.code) ?? 0;
    if (sum !== m.targets) {
      p.add('waves', 'targets_not_covered', `${m.name ?? m.code}の発送数の合計（${sum}）が対象者数（${m.targets}）と一致しません。`);
    }
  }
  p.throwIfAny();
}

function checkMunicipalities(p: Problems, municipalities: readonly PlanningMunicipality[]): void {
  if (!Array.isArray(municipalities) || municipalities.length === 0) {
    p.add('municipalities', 'required', '対象の市町村を1つ以上指定してください。');
    return;
  }
  const seen = new Set<string>();
  municipalities.forEach((m, i) => {
    const f = `municipalities[${i}]`;
    if (typeof m?.code !== 'string' || !isValidMunicipalityCode(m.code)) {
      p.add(`${f}.code`, 'invalid_municipality_code', '市町村コードは検査数字付きの6桁で指定してください。');
    } else if (seen.has(m.code)) {
      p.add(`${f}.code`, 'duplicate_municipality', `市町村コード ${m.code} が重複しています。`);
    }
    seen.add(m?.code);
    p.wholeNumber(m?.targets, `${f}.targets`, '発送対象者数', 0);
    const cap = m?.counterCapacityPerDay;
    if (typeof cap !== 'number' || Number.isNaN(cap) || cap < 0) {
      p.add(`${f}.counterCapacityPerDay`, 'invalid_number', '窓口の対応可能件数は0以上の数で指定してください。');
    }
    if (m?.postalGroups !== undefined) checkPostalGroups(p, f, m);
  });
}

function checkPostalGroups(p: Problems, f: string, m: PlanningMunicipality): void {
  const groups = m.postalGroups ?? [];
  const keys = new Set<string>();
  let sum = 0;
  groups.forEach((g, j) => {
    if (typeof g?.key !== 'string' || g.key === '' || keys.has(g.key)) {
      p.add(`${f}.postalGroups[${j}].key`, 'invalid_postal_group', '郵便番号グループのキーは空でなく重複しない文字列にしてください。');
    }
    keys.add(g?.key);
    p.wholeNumber(g?.targets, `${f}.postalGroups[${j}].targets`, '郵便番号グループの対象者数', 0);
    sum += Number(g?.targets) || 0;
  });
  if (groups.length > 0 && sum !== m.targets) {
    p.add(`${f}.postalGroups`, 'targets_mismatch', `郵便番号グループの対象者数の合計（${sum}）が市町村の対象者数（${m.targets}）と一致しません。`);
  }
}
