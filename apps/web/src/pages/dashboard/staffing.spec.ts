import { describe, expect, it } from '@jest/globals';
import { parseOperators, withoutOverride } from './staffing';

describe('parseOperators', () => {
  it('reads 0–500 typed with half- or full-width digits, and nothing else', () => {
    expect(parseOperators('12')).toBe(12);
    expect(parseOperators(' ３ ')).toBe(3);
    expect(parseOperators('0')).toBe(0);
    expect(parseOperators('500')).toBe(500);
    for (const bad of ['', '501', '-1', '1.5', '十', '1e2']) expect(parseOperators(bad)).toBeNull();
  });
});

describe('withoutOverride', () => {
  it('drops the one date and keeps the others', () => {
    const list = [{ date: '2027-02-15', operators: 1, note: null }, { date: '2027-02-16', operators: 2, note: '研修' }];
    expect(withoutOverride(list, '2027-02-15')).toEqual([list[1]]);
  });
});
