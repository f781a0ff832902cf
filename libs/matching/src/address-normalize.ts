import { replaceKanjiNumerals } from './kanji-numerals';
import { normalizeText } from './text-normalize';
import type { MunicipalityDirectory } from './municipality-directory';

/** Dashes people type between address numbers; ー and ｰ (long vowel) only count between digits. */
const DASHES = /[-‐‑‒–—―−⁃﹣－]|(?<=\d)ー(?=\d)/g;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed here
const SPACES_AND_DOTS = /[\s\u0000-\u001f\u007f・·•‧∙⋅]/g;
const KANJI_NUMERAL = /[〇零一二三四五六七八九十百千]/;
/** Address units after a number (の is ノ once kana are folded). 号室 stays: room numbers are not 号. */
const UNITS = /(\d)(丁目|番地ノ|番地|番ノ|番|号室|号|ノ(?=\d))/g;
const UNIT_TO: Record<string, string> = { 丁目: '-', 番地ノ: '-', 番地: '-', 番ノ: '-', 番: '-', 号室: '号室', 号: '', ノ: '-' };
/** A hyphen followed by another one, or by something other than a digit (or nothing). */
const LOOSE_HYPHENS = /-(?=-|\D|$)/g;

/**
 * Normalises an address for comparison (not for display):
 * NFKC, kanji variants and kana as in names; spaces and middle dots removed; kanji and full-width numerals
 * to digits; 丁目・番地・番・号・の between numbers to hyphens (北1条西2丁目3番地4号 → 北1条西2-3-4);
 * dash variants (‐ − － ― and ー between digits) to '-'.
 * The 北海道 prefix and the 郡 are left to MunicipalityDirectory, which treats them as optional.
 */
export function normalizeAddressText(address: string): string {
  let s = normalizeText(address).replace(SPACES_AND_DOTS, '');
  if (KANJI_NUMERAL.test(s)) s = replaceKanjiNumerals(s);
  return s
    .replace(DASHES, '-')
    .replace(UNITS, (_, digit: string, unit: string) => digit + UNIT_TO[unit])
    .replace(LOOSE_HYPHENS, '');
}

export interface NormalizedAddress {
  /** Municipality the address is in, or null when it names none of the 179. */
  municipalityCode: string | null;
  /** `<code>|<rest>` when the municipality is known, else `?|<whole address>`. */
  key: string;
}

/**
 * Normalises an address and finds its municipality, so that 北海道虻田郡倶知安町南一条東二丁目 and
 * 倶知安町南1条東2 give the same key.
 */
export function normalizeAddress(address: string, directory: MunicipalityDirectory): NormalizedAddress {
  const text = normalizeAddressText(address);
  const resolved = directory.resolveNormalized(text);
  if (!resolved) return { municipalityCode: null, key: `?|${text.startsWith('北海道') ? text.slice(3) : text}` };
  return { municipalityCode: resolved.code, key: `${resolved.code}|${resolved.rest}` };
}
