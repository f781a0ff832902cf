import { replaceKanjiNumerals } from './kanji-numerals';
import { normalizeText } from './text-normalize';
import type { MunicipalityDirectory } from './municipality-directory';

/** Dashes people type between address numbers; ー and ｰ (long vowel) only count between digits. */
const DASHES = /[-‐‑‒–—―−⁃﹣－]/g;
const LONG_VOWEL_BETWEEN_DIGITS = /(?<=\d)[ーｰ](?=\d)/g;
const SPACES_AND_DOTS = /[\s\u0000-\u001f\u007f・·•‧∙⋅]/g;

/**
 * Normalises an address for comparison (not for display):
 * NFKC, kanji variants and kana as in names; spaces and middle dots removed; kanji and full-width numerals
 * to digits; 丁目・番地・番・号・の between numbers to hyphens (北1条西2丁目3番地4号 → 北1条西2-3-4);
 * dash variants (‐ − － ― and ー between digits) to '-'.
 * The 北海道 prefix and the 郡 are left to MunicipalityDirectory, which treats them as optional.
 */
export function normalizeAddressText(address: string): string {
  let s = normalizeText(address).replace(SPACES_AND_DOTS, '');
  s = replaceKanjiNumerals(s);
  s = s.replace(LONG_VOWEL_BETWEEN_DIGITS, '-').replace(DASHES, '-');
  s = s
    .replace(/(\d)号室/g, '$1\u0001') // keep room numbers apart from 号
    .replace(/(\d)丁目/g, '$1-')
    .replace(/(\d)番地?ノ?/g, '$1-')
    .replace(/(\d)号/g, '$1')
    .replace(/(\d)ノ(?=\d)/g, '$1-') // の is ノ once kana are folded
    .replace(/\u0001/g, '号室')
    .replace(/-{2,}/g, '-')
    .replace(/-(?=[^\d]|$)/g, '');
  return s;
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
