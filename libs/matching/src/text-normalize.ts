import { KANJI_VARIANTS } from './kanji-variants';

const SMALL_KANA: Record<string, string> = {
  ァ: 'ア', ィ: 'イ', ゥ: 'ウ', ェ: 'エ', ォ: 'オ', ッ: 'ツ', ャ: 'ヤ', ュ: 'ユ', ョ: 'ヨ', ヮ: 'ワ', ヵ: 'カ', ヶ: 'ケ',
  ㇰ: 'ク', ㇱ: 'シ', ㇲ: 'ス', ㇳ: 'ト', ㇴ: 'ヌ', ㇵ: 'ハ', ㇶ: 'ヒ', ㇷ: 'フ', ㇸ: 'ヘ', ㇹ: 'ホ', ㇺ: 'ム', ㇻ: 'ラ',
  ㇼ: 'リ', ㇽ: 'ル', ㇾ: 'レ', ㇿ: 'ロ',
};
/** ヴ sounds as lists write them without ヴ (ヴァ → バ …), and obsolete kana. */
const KANA_SOUNDS: Array<[RegExp, string]> = [
  [/ヴァ/g, 'バ'], [/ヴィ/g, 'ビ'], [/ヴェ/g, 'ベ'], [/ヴォ/g, 'ボ'], [/ヴ/g, 'ブ'], [/ヰ/g, 'イ'], [/ヱ/g, 'エ'], [/ヲ/g, 'オ'],
];
/** Spaces, middle dots, control characters and other separators people put inside names. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed here
export const NAME_SEPARATORS = /[\s\u0000-\u001f\u007f・·•‧∙⋅.,、]/g;

/** Hiragana → katakana (ぁ–ゖ and ゝゞ move by 0x60; ゔ becomes ヴ the same way). */
export function hiraganaToKatakana(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x3041 && c <= 0x3096) || c === 0x309d || c === 0x309e) {
      out += text.slice(from, i) + String.fromCharCode(c + 0x60);
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

const VARIANT_PATTERN = new RegExp(Object.keys(KANJI_VARIANTS).join('|'), 'gu');
const VARIANT_TEST = new RegExp(Object.keys(KANJI_VARIANTS).join('|'), 'u');

/** Folds old and variant kanji with the table in kanji-variants.ts (by code point: 𠮷 is two code units). */
export function foldKanjiVariants(text: string): string {
  return VARIANT_TEST.test(text) ? text.replace(VARIANT_PATTERN, (c) => KANJI_VARIANTS[c]) : text;
}

/** Hiragana, small kana, ヴ and obsolete kana: the characters foldKana changes. */
const NEEDS_KANA_FOLD = /[\u3041-\u309e\u30a1\u30a3\u30a5\u30a7\u30a9\u30c3\u30e3\u30e5\u30e7\u30ee\u30f0-\u30f2\u30f4-\u30f6\u31f0-\u31ff]/;

/** One kana form: katakana, large kana, no ヴ. ｶﾅ is already カナ after NFKC. */
export function foldKana(text: string): string {
  if (!NEEDS_KANA_FOLD.test(text)) return text;
  let s = hiraganaToKatakana(text);
  if (/[ヴヰヱヲ]/.test(s)) for (const [re, to] of KANA_SOUNDS) s = s.replace(re, to);
  let out = '';
  let changed = false;
  for (const ch of s) {
    const large = SMALL_KANA[ch];
    if (large !== undefined) {
      out += large;
      changed = true;
    } else out += ch;
  }
  return changed ? out : s;
}

/**
 * The shared first step for every compared text: NFKC (full-width letters and digits to half-width,
 * half-width kana to full-width), old/new kanji variants, one kana form, upper-case Latin letters.
 */
export function normalizeText(text: string): string {
  const s = foldKana(foldKanjiVariants(text.normalize('NFKC')));
  return /[a-z]/.test(s) ? s.toUpperCase() : s;
}

/** A name as a match key: normalised text with spaces and middle dots removed (佐藤\u3000ﾊﾅ → 佐藤ハナ). */
export function normalizeName(name: string): string {
  return normalizeText(name).replace(NAME_SEPARATORS, '');
}

/** A reading (氏名カナ) as a match key: katakana, large kana, no separators. */
export function normalizeKana(kana: string): string {
  return normalizeName(kana);
}
