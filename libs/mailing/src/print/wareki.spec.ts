import { formatSeireki, formatWareki, parseIsoDate } from './wareki';

describe('birth dates as printed', () => {
  it.each([
    ['1940-03-02', '昭和15年3月2日'],
    ['1873-01-01', '明治6年1月1日'],
    ['1912-07-29', '明治45年7月29日'],
    ['1912-07-30', '大正元年7月30日'],
    ['1926-12-24', '大正15年12月24日'],
    ['1926-12-25', '昭和元年12月25日'],
    ['1989-01-07', '昭和64年1月7日'],
    ['1989-01-08', '平成元年1月8日'],
    ['2019-04-30', '平成31年4月30日'],
    ['2019-05-01', '令和元年5月1日'],
    ['2026-02-16', '令和8年2月16日'],
  ])('%s is %s', (iso, wareki) => {
    expect(formatWareki(iso)).toBe(wareki);
  });

  it('writes 西暦 the way people write it', () => {
    expect(formatSeireki('1940-03-02')).toBe('1940年3月2日');
    expect(formatSeireki('1950-12-31')).toBe('1950年12月31日');
  });

  it('refuses dates that do not exist or predate the Gregorian calendar in Japan', () => {
    expect(formatWareki('1872-12-31')).toBeUndefined();
    expect(formatWareki('1940-02-30')).toBeUndefined();
    expect(formatSeireki('1940-02-30')).toBeUndefined();
    expect(formatWareki('昭和15年3月2日')).toBeUndefined();
    expect(parseIsoDate('1940-3-2')).toBeUndefined();
    expect(parseIsoDate('2000-02-29')).toEqual({ year: 2000, month: 2, day: 29 });
  });
});
