import { KANJI_VARIANTS } from './kanji-variants';
import { foldKana, normalizeKana, normalizeName, normalizeText } from './text-normalize';

describe('name normalisation', () => {
  it.each([
    ['髙橋', '高橋'], ['山﨑', '山崎'], ['齋藤', '斎藤'], ['齊藤', '斎藤'], ['斉藤', '斎藤'], ['渡邊', '渡辺'], ['渡邉', '渡辺'],
    ['澤田', '沢田'], ['廣田', '広田'], ['濱田', '浜田'], ['櫻井', '桜井'], ['德永', '徳永'], ['國分', '国分'], ['眞理子', '真理子'],
    ['惠子', '恵子'], ['嶋田', '島田'], ['冨田', '富田'], ['北條', '北条'], ['藏本', '蔵本'], ['𠮷田', '吉田'],
  ])('folds old/variant kanji: %s → %s', (variant, modern) => {
    expect(normalizeName(variant)).toBe(normalizeName(modern));
    expect(normalizeName(variant)).toBe(modern);
  });

  it('every entry of the variant table folds to its target, and targets are fixed points', () => {
    for (const [from, to] of Object.entries(KANJI_VARIANTS)) {
      expect(normalizeText(from)).toBe(to);
      expect(normalizeText(to)).toBe(to);
    }
  });

  it('removes spaces (half and full width) and middle dots', () => {
    expect(normalizeName(' 佐藤　花子 ')).toBe('佐藤花子');
    expect(normalizeName('佐藤・花子')).toBe('佐藤花子');
    expect(normalizeName('ｻﾄｳ ﾊﾅｺ')).toBe('サトウハナコ');
  });

  it('brings katakana, half-width kana and hiragana to one form', () => {
    expect(normalizeName('佐藤ﾊﾅ')).toBe('佐藤ハナ');
    expect(normalizeName('佐藤はな')).toBe('佐藤ハナ');
    expect(normalizeKana('ｷﾖｼ')).toBe(normalizeKana('きよし'));
    expect(normalizeKana('ｶﾞｯｺｳ')).toBe('ガツコウ');
  });

  it('makes small kana large and writes ヴ sounds without ヴ', () => {
    expect(foldKana('キャッシュ')).toBe('キヤツシユ');
    expect(foldKana('ヴァイオリン')).toBe(foldKana('バイオリン'));
    expect(foldKana('ゔぃ')).toBe('ビ');
    expect(foldKana('ヶ丘')).toBe('ケ丘');
  });

  it('turns full-width Latin letters and digits half-width and upper-case', () => {
    expect(normalizeText('Ｓｍｉｔｈ１')).toBe('SMITH1');
  });
});
