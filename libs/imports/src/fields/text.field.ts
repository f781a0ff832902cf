import { hiraganaToKatakana as toKatakana } from '@wavedesk/matching';
import { invalid, valid, type FieldResult } from './field-result';

/** Bound once: a compiled cross-library import is a getter, and this runs for every row. */
const hiraganaToKatakana = toKatakana;

/** Control characters other than tab never belong in a name or address. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed here
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/**
 * Free text (氏名, 住所, 送付先…): trimmed, NFC kept as written apart from surrounding spaces, required
 * unless `optional`, at most `maxLength` characters. The text itself is stored as the person wrote it;
 * normalisation for matching happens in @wavedesk/matching.
 */
export function parseTextField(raw: string, label: string, maxLength: number, optional = false): FieldResult<string | null> {
  const v = raw.trim(); // trim() removes what \s matches, the ideographic space U+3000 included
  if (v === '') return optional ? valid(null) : invalid('required', `${label}が空です。`);
  // Characters, not UTF-16 units (𠮷 is two units): counted only when the units could be too many.
  if (v.length > maxLength && [...v].length > maxLength) return invalid('too_long', `${label}が長すぎます（${maxLength}文字まで）。`);
  if (CONTROL.test(v)) return invalid('invalid_character', `${label}に改行や制御文字が含まれています。`);
  return valid(v);
}

/** ァ…ヺ, ー, ・ and spaces: text that NFKC and the hiragana fold leave as it is (U+3000 aside). */
const PLAIN_KATAKANA = /^[\u30a1-\u30fa\u30fb\u30fc \u3000]*$/;
const IDEOGRAPHIC_SPACES = /\u3000/g;

/**
 * 氏名カナ: katakana (half-width and hiragana accepted and turned into full-width katakana), with spaces
 * between family and given name.
 */
export function parseKanaField(raw: string, maxLength = 100): FieldResult<string> {
  // Full-width katakana with spaces (the usual reading) needs no NFKC or hiragana fold, which would
  // leave it unchanged apart from turning the ideographic space into a space.
  const folded = PLAIN_KATAKANA.test(raw) ? raw.replace(IDEOGRAPHIC_SPACES, ' ') : hiraganaToKatakana(raw.normalize('NFKC'));
  const v = folded.replace(/\s+/g, ' ').trim();
  if (v === '') return invalid('required', '氏名カナが空です。');
  if (v.length > maxLength) return invalid('too_long', `氏名カナが長すぎます（${maxLength}文字まで）。`);
  if (!/^[\u30a0-\u30ff ・]+$/.test(v)) return invalid('invalid_kana', '氏名カナはカタカナで入力してください。');
  return valid(v);
}
