const DIGIT: Record<string, number> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const RUN = /[〇零一二三四五六七八九十百千]+/g;

/** Value of one run of kanji numerals: positional (二〇三) or with units (二百三, 十五, 千九百四十). */
export function kanjiNumeralValue(run: string): number {
  if (!/[十百千]/.test(run)) {
    let v = 0;
    for (const ch of run) v = v * 10 + DIGIT[ch];
    return v;
  }
  let total = 0;
  let digit = -1;
  for (const ch of run) {
    if (ch in DIGIT) {
      digit = digit < 0 ? DIGIT[ch] : digit * 10 + DIGIT[ch];
    } else {
      total += (digit < 0 ? 1 : digit) * UNIT[ch];
      digit = -1;
    }
  }
  return total + (digit < 0 ? 0 : digit);
}

/**
 * Replaces every run of kanji numerals with half-width digits: 北十条西二丁目 → 北10条西2丁目.
 * Used on both sides of a comparison, so place names that contain numerals (七飯町, 三笠市) stay
 * comparable even though they read oddly once converted.
 */
export function replaceKanjiNumerals(text: string): string {
  return text.replace(RUN, (run) => String(kanjiNumeralValue(run)));
}
