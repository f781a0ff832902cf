import { describe, expect, it } from '@jest/globals';
import { LOAD_LEVELS, LOAD_LEVEL_COLOURS, LOAD_LEVEL_LABELS, formatRatio, loadLevel, sortableRatio } from './load-level';

describe('load ratio colouring', () => {
  it('puts a ratio into its level at the thresholds 0.8, 1.2 and 1.5', () => {
    expect(loadLevel(0, 10)).toBe('low');
    expect(loadLevel(7.9, 10)).toBe('low');
    expect(loadLevel(8, 10)).toBe('normal');
    expect(loadLevel(11.9, 10)).toBe('normal');
    expect(loadLevel(12, 10)).toBe('high');
    expect(loadLevel(14.9, 10)).toBe('high');
    expect(loadLevel(15, 10)).toBe('over');
  });

  it('tells "nothing forecast" apart from "inquiries nobody forecast"', () => {
    expect(loadLevel(0, 0)).toBe('none');
    expect(loadLevel(3, 0)).toBe('unforecast');
  });

  it('has a word and a colour for every level', () => {
    for (const level of LOAD_LEVELS) {
      expect(LOAD_LEVEL_LABELS[level]).toMatch(/\S/);
      expect(LOAD_LEVEL_COLOURS[level].fill).toMatch(/^#[0-9a-f]{6}$/);
    }
  });

  it('writes ratios as percentages and sorts unforeseen inquiries to the top', () => {
    expect(formatRatio(1.234)).toBe('123%');
    expect(formatRatio(12.5)).toBe('1,250%');
    expect(formatRatio(null)).toBe('—');
    const rows = [
      { actual: 1, expected: 0 },
      { actual: 0, expected: 0 },
      { actual: 5, expected: 10 },
      { actual: 15, expected: 10 },
    ];
    expect(rows.sort((a, b) => sortableRatio(b.actual, b.expected) - sortableRatio(a.actual, a.expected))).toEqual([
      { actual: 1, expected: 0 },
      { actual: 15, expected: 10 },
      { actual: 5, expected: 10 },
      { actual: 0, expected: 0 },
    ]);
  });
});
