import { describe, expect, it } from '@jest/globals';
import {
  formatDate, formatDateTime, formatEraDate, formatNumber, startOfDayInJapan, startOfNextDayInJapan, toIsoDay, toKatakana,
} from './format';

describe('format', () => {
  it('writes big numbers with separators and rounds only here', () => {
    expect(formatNumber(614058)).toBe('614,058');
    expect(formatNumber(8910.6)).toBe('8,911');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(null)).toBe('—');
  });

  it('writes dates as people in Japan do, in Japan time whatever the input zone', () => {
    expect(formatDate('2022-02-15T00:00:00+09:00')).toBe('2022年2月15日(火)');
    // 15:30 UTC on the 14th is already the 15th in Japan.
    expect(formatDate('2022-02-14T15:30:00Z')).toBe('2022年2月15日(火)');
    expect(formatDateTime('2022-02-15T00:05:09Z')).toBe('2022年2月15日(火) 09:05:09');
    expect(formatEraDate('2022-02-15T00:00:00+09:00')).toBe('令和4年2月15日');
    expect(formatEraDate('2019-05-01T00:00:00+09:00')).toBe('令和元年5月1日');
    expect(formatEraDate('2019-04-30T00:00:00+09:00')).toBe('平成31年4月30日');
    expect(toIsoDay('2022-02-14T15:30:00Z')).toBe('2022-02-15');
  });

  it('turns an inclusive day range into instants in Japan time', () => {
    expect(startOfDayInJapan('2022-02-15')).toBe('2022-02-15T00:00:00+09:00');
    expect(startOfNextDayInJapan('2022-02-28')).toBe('2022-03-01T00:00:00+09:00');
    expect(startOfNextDayInJapan('2024-02-28')).toBe('2024-02-29T00:00:00+09:00');
    expect(startOfNextDayInJapan('2022-12-31')).toBe('2023-01-01T00:00:00+09:00');
  });

  it('reads hiragana as katakana for searching', () => {
    expect(toKatakana('さっぽろし')).toBe('サッポロシ');
    expect(toKatakana('札幌 011')).toBe('札幌 011');
  });
});
