import type { DomainError } from '@wavedesk/common';
import { DEFAULT_GUARD_RULES, ruleAppliesTo, validateGuardRules, type GuardRule } from './guard-rule';
import { ASAHIKAWA, SAPPORO } from '../testing/guard-fixtures';

const errorOf = (input: unknown): DomainError => {
  try {
    validateGuardRules(input);
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('expected a 400');
};

describe('guard rules', () => {
  it('accepts the defaults, which a JSON round trip leaves unchanged', () => {
    const rules = JSON.parse(JSON.stringify(DEFAULT_GUARD_RULES));
    expect(validateGuardRules(rules)).toEqual(DEFAULT_GUARD_RULES);
  });

  it('refuses wrong rules with one Japanese sentence per field', () => {
    const bad = [
      { ...DEFAULT_GUARD_RULES[0], params: { ...DEFAULT_GUARD_RULES[0].params, multiplier: 1, intervalMinutes: 7 } },
      { ...DEFAULT_GUARD_RULES[1], id: DEFAULT_GUARD_RULES[0].id, municipalityCode: SAPPORO },
      { ...DEFAULT_GUARD_RULES[2], resume: { mode: 'later', belowRatio: 0, forMinutes: -1 } },
      { ...DEFAULT_GUARD_RULES[3], kind: 'noise' },
    ];
    const error = errorOf(bad);
    expect(error.status).toBe(400);
    expect(error.errors!.map((e) => e.field)).toEqual([
      'rules[0].params.intervalMinutes',
      'rules[0].params.multiplier',
      'rules[0].params.windowMinutes',
      'rules[1].id',
      'rules[1].municipalityCode',
      'rules[2].resume.mode',
      'rules[2].resume.belowRatio',
      'rules[2].resume.forMinutes',
      'rules[3].kind',
    ]);
    expect(error.errors![1].message).toBe('検出する倍率は1より大きい数で指定してください。');
    expect(errorOf({ rules: [] }).errors![0].field).toBe('rules');
  });

  it('refuses a municipality rule for a code without a valid check digit', () => {
    const rule = { ...DEFAULT_GUARD_RULES[0], municipalityCode: '011001' };
    expect(errorOf([rule]).errors!.map((e) => e.code)).toEqual(['invalid_municipality_code']);
  });

  it('lets a municipality’s own rule replace the general one of the same kind there, and only there', () => {
    const general = DEFAULT_GUARD_RULES[0];
    const own: GuardRule = { ...general, id: 'spike-sapporo', municipalityCode: SAPPORO } as GuardRule;
    const rules = [...DEFAULT_GUARD_RULES, own];
    expect(ruleAppliesTo(general, SAPPORO, rules)).toBe(false);
    expect(ruleAppliesTo(own, SAPPORO, rules)).toBe(true);
    expect(ruleAppliesTo(general, ASAHIKAWA, rules)).toBe(true);
    expect(ruleAppliesTo(own, ASAHIKAWA, rules)).toBe(false);
    expect(ruleAppliesTo({ ...general, enabled: false }, ASAHIKAWA, rules)).toBe(false);
  });
});
