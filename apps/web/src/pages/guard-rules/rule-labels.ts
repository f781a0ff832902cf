import type { GuardRuleView } from '../../api/guard-types';

/** Each parameter in Japanese, with the unit people enter it in. */
export const PARAM_LABELS: Record<string, string> = {
  intervalMinutes: '集計間隔（分）',
  multiplier: '検出する倍率 k',
  threshold: '判定のしきい値 h',
  minCount: '最低件数',
  windowMinutes: '最低件数を数える時間（分）',
  minExpectedPerDay: '試算の下限（件／日）',
  horizonBusinessDays: '先読みする営業日数',
  loadRatio: '対応能力に対する倍率',
  serviceLevel: 'サービスレベル（0〜1）',
  targetSeconds: '応答目標（秒）',
  ahtSeconds: '平均対応時間（秒）',
};

export const KIND_LABELS: Record<GuardRuleView['kind'], string> = { spike: '問い合わせの急増', capacity: '対応能力' };

export function scopeLabel(rule: Pick<GuardRuleView, 'scope' | 'municipalityCode'>, nameOf: (code: string) => string): string {
  if (rule.scope === 'union') return '全道（広域連合）';
  return rule.municipalityCode ? nameOf(rule.municipalityCode) : '各市町村';
}

/** A rule's field path as the API names it in a 400 (`rules[0].params.multiplier`). */
export const fieldPath = (index: number, ...parts: string[]): string => [`rules[${index}]`, ...parts].join('.');

/** The rules with one value changed (an input's text read as a number; empty or not a number stays as typed for the API to refuse). */
export function withValue(rules: readonly GuardRuleView[], index: number, path: ['params', string] | ['resume', 'belowRatio' | 'forMinutes'], text: string): GuardRuleView[] {
  const value = text.trim() === '' || Number.isNaN(Number(text)) ? (text as unknown as number) : Number(text);
  return rules.map((r, i) => (i !== index ? r : { ...r, [path[0]]: { ...r[path[0]], [path[1]]: value } }));
}
