import { FirstRows } from './first-rows';

describe('FirstRows', () => {
  it('names the first row of a repeated 被保険者番号, across many values (the table grows)', () => {
    const rows = new FirstRows();
    const numberOf = (i: number) => String((i * 73_856_093 + 12_345) % 100_000_000).padStart(8, '0');
    for (let i = 0; i < 300_000; i++) expect(rows.firstOrAdd(numberOf(i), i + 2)).toBeUndefined();
    for (const i of [0, 1, 65_535, 65_536, 299_999]) expect(rows.firstOrAdd(numberOf(i), 999_999)).toBe(i + 2);
    // The repeat did not replace the first row.
    expect(rows.firstOrAdd(numberOf(0), 1_000_000)).toBe(2);
  });

  it('tells apart values that are equal as numbers but not as text (leading zeros)', () => {
    const rows = new FirstRows();
    expect(rows.firstOrAdd('00000012', 2)).toBeUndefined();
    expect(rows.firstOrAdd('12', 3)).toBeUndefined();
    expect(rows.firstOrAdd('012', 4)).toBeUndefined();
    expect(rows.firstOrAdd('12', 5)).toBe(3);
    expect(rows.firstOrAdd('00000012', 6)).toBe(2);
  });

  it('keeps longer and non-digit values too (申請書ID has 23 digits)', () => {
    const rows = new FirstRows();
    const id = '12345678901234567890123';
    expect(rows.firstOrAdd(id, 2)).toBeUndefined();
    expect(rows.firstOrAdd('1234567890', 3)).toBeUndefined(); // 10 digits: beyond the table's keys
    expect(rows.firstOrAdd('A1234567', 4)).toBeUndefined();
    expect(rows.firstOrAdd(id, 5)).toBe(2);
    expect(rows.firstOrAdd('1234567890', 6)).toBe(3);
    expect(rows.firstOrAdd('A1234567', 7)).toBe(4);
    expect(rows.firstOrAdd('123456789', 8)).toBeUndefined(); // 9 digits: in the table, not the same value
  });
});
