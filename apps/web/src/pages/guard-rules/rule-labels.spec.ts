import { describe, expect, it } from '@jest/globals';
import type { GuardRuleView } from '../../api/guard-types';
import { fieldPath, scopeLabel, withValue } from './rule-labels';

const rule: GuardRuleView = {
  id: 'spike-municipality', version: 1, name: '市町村の問い合わせ急増', scope: 'municipality', kind: 'spike',
  params: { multiplier: 2, threshold: 7 }, action: 'hold', resume: { mode: 'auto', belowRatio: 1.2, forMinutes: 120 }, enabled: true,
};

describe('監視ルール page helpers', () => {
  it('changes one number of one rule and leaves the others', () => {
    const [changed, other] = withValue([rule, { ...rule, id: 'x' }], 0, ['params', 'threshold'], '8');
    expect(changed.params).toEqual({ multiplier: 2, threshold: 8 });
    expect(other.params.threshold).toBe(7);
    expect(withValue([rule], 0, ['resume', 'forMinutes'], '90')[0].resume).toEqual({ mode: 'auto', belowRatio: 1.2, forMinutes: 90 });
  });

  it('sends what was typed when it is not a number, so the API names the field in Japanese', () => {
    expect(withValue([rule], 0, ['params', 'multiplier'], 'abc')[0].params.multiplier).toBe('abc');
    expect(fieldPath(0, 'params', 'multiplier')).toBe('rules[0].params.multiplier');
  });

  it('names the scope', () => {
    expect(scopeLabel(rule, () => '')).toBe('各市町村');
    expect(scopeLabel({ scope: 'municipality', municipalityCode: '011002' }, (c) => (c === '011002' ? '札幌市' : c))).toBe('札幌市');
    expect(scopeLabel({ scope: 'union' }, () => '')).toBe('全道（広域連合）');
  });
});
