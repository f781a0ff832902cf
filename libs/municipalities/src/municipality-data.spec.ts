import { readMunicipalityRows, shortSubprefecture } from './municipality-data';

describe('hokkaido-municipalities.csv', () => {
  const rows = readMunicipalityRows();

  it('holds the 179 municipalities of the union, each code with a valid check digit', () => {
    expect(rows).toHaveLength(179);
    expect(rows[0]).toMatchObject({ code: '011002', name: '札幌市', kana: 'サッポロシ' });
    expect(new Set(rows.map((r) => r.code)).size).toBe(179);
    expect(rows.some((r) => r.code === '016951')).toBe(false); // 色丹村 is not a municipality of the union
  });

  it('covers the 14 subprefectures with the documented counts', () => {
    const counts: Record<string, number> = {};
    for (const r of rows) counts[shortSubprefecture(r.subprefecture)] = (counts[shortSubprefecture(r.subprefecture)] ?? 0) + 1;
    expect(counts).toEqual({
      空知: 24, 上川: 23, 後志: 20, 十勝: 19, オホーツク: 18, 渡島: 11, 胆振: 11,
      宗谷: 10, 石狩: 8, 釧路: 8, 留萌: 8, 檜山: 7, 日高: 7, 根室: 5,
    });
    expect(rows.reduce((s, r) => s + r.population, 0)).toBe(4_996_492);
  });
});
