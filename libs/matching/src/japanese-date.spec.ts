import { parseJapaneseDate, toWareki } from './japanese-date';

const ok = (s: string): string => {
  const r = parseJapaneseDate(s);
  if (!r.ok) throw new Error(`${s}: ${r.message}`);
  return r.value;
};

describe('parseJapaneseDate', () => {
  it.each([
    ['1940-03-02', '1940-03-02'], ['1940/3/2', '1940-03-02'], ['1940.3.2', '1940-03-02'], ['1940年3月2日', '1940-03-02'],
    ['19400302', '1940-03-02'], ['１９４０／３／２', '1940-03-02'],
    ['昭和15年3月2日', '1940-03-02'], ['昭和十五年三月二日', '1940-03-02'], ['S15.3.2', '1940-03-02'], ['s15.3.2', '1940-03-02'],
    ['昭15.03.02', '1940-03-02'], ['Ｓ１５．３．２', '1940-03-02'], ['S.15.3.2', '1940-03-02'], ['昭和 15年 3月 2日', '1940-03-02'],
    ['3150302', '1940-03-02'],
    ['大正5年4月1日', '1916-04-01'], ['T5.4.1', '1916-04-01'], ['明治45年7月29日', '1912-07-29'], ['M44.1.1', '1911-01-01'],
    ['平成元年1月8日', '1989-01-08'], ['H1.1.8', '1989-01-08'], ['令和元年5月1日', '2019-05-01'], ['R2.2.29', '2020-02-29'],
    ['昭和64年1月7日', '1989-01-07'], ['大正15年12月24日', '1926-12-24'], ['昭和元年12月25日', '1926-12-25'],
  ])('%s → %s', (input, iso) => {
    expect(ok(input)).toBe(iso);
  });

  it.each([
    ['昭和65年1月1日', 'era_out_of_range'],
    ['昭和64年1月8日', 'era_out_of_range'],
    ['平成元年1月7日', 'era_out_of_range'],
    ['平成31年5月1日', 'era_out_of_range'],
    ['大正16年1月1日', 'era_out_of_range'],
    ['令和元年4月30日', 'era_out_of_range'],
    ['S0.1.1', 'era_out_of_range'],
    ['1940-02-30', 'invalid_date'],
    ['昭和15年2月30日', 'invalid_date'],
    ['1941-02-29', 'invalid_date'],
    ['1940-13-01', 'invalid_date'],
    ['1900-02-29', 'invalid_date'],
    ['明治元年1月1日', 'date_too_early'],
    ['X15.3.2', 'invalid_date_format'],
    ['昭和十五年', 'invalid_date_format'],
    ['', 'invalid_date_format'],
  ])('refuses %s (%s) with a Japanese message that does not repeat the input', (input, code) => {
    const r = parseJapaneseDate(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(code);
    expect(r.message).toMatch(/[ぁ-んァ-ン一-龯]/);
    if (input) expect(r.message).not.toContain(input);
  });

  it('explains the last day of 昭和', () => {
    const r = parseJapaneseDate('昭和64年1月8日');
    expect(r.ok || r.message).toContain('1989年1月7日まで');
  });

  it('toWareki writes the forms lists use, and they parse back', () => {
    expect(toWareki('1940-03-02')).toBe('昭和15年3月2日');
    expect(toWareki('1940-03-02', 'letter')).toBe('S15.3.2');
    expect(toWareki('1940-03-02', 'short')).toBe('昭15.03.02');
    expect(toWareki('1989-01-08')).toBe('平成元年1月8日');
    for (const iso of ['1916-04-01', '1926-12-25', '1946-07-01', '1989-01-07', '2019-05-01']) {
      for (const style of ['kanji', 'letter', 'short'] as const) expect(ok(toWareki(iso, style))).toBe(iso);
    }
  });
});
