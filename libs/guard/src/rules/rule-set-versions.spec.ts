import { DEFAULT_GUARD_RULES, type GuardRule, type SpikeRule } from './guard-rule';
import { ruleSetChanged, versionRules } from './rule-set-versions';

const spike = DEFAULT_GUARD_RULES[0] as SpikeRule;

describe('versionRules', () => {
  it('keeps the version of an unchanged rule and raises that of an edited one', () => {
    const edited: GuardRule = { ...spike, params: { ...spike.params, threshold: 8 } };
    const out = versionRules([edited, DEFAULT_GUARD_RULES[1]], DEFAULT_GUARD_RULES);
    expect(out[0]).toMatchObject({ id: 'spike-municipality', version: 2, params: { threshold: 8 } });
    expect(out[1]).toMatchObject({ id: 'spike-union', version: 1 });
  });

  it('ignores the version the client sent and key order', () => {
    const { id, ...rest } = spike;
    const reordered = { ...rest, params: { ...spike.params }, id, version: 99 } as GuardRule;
    expect(versionRules([reordered], DEFAULT_GUARD_RULES)[0].version).toBe(1);
  });

  it('starts a re-added rule after the highest version its id ever had', () => {
    const out = versionRules([{ ...spike, enabled: false }], [], new Map([['spike-municipality', 4]]));
    expect(out[0].version).toBe(5);
  });

  it('tells whether the set changed', () => {
    expect(ruleSetChanged(versionRules(DEFAULT_GUARD_RULES, DEFAULT_GUARD_RULES), DEFAULT_GUARD_RULES)).toBe(false);
    expect(ruleSetChanged(versionRules([spike], DEFAULT_GUARD_RULES), DEFAULT_GUARD_RULES)).toBe(true);
  });
});
