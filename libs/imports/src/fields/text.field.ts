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

/**
 * The reading with its spaces folded (runs of spaces and ideographic spaces → one space, none at the
 * ends) when it is only full-width katakana (ァ…ヺ, ・, ー) and spaces — the usual case, which NFKC and the
 * hiragana fold would leave as it is — else null.
 */
function plainKatakana(raw: string): string | null {
  let spaces = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 0x30a1 && c <= 0x30fc) continue;
    if (c !== 0x20 && c !== 0x3000) return null;
    spaces = true;
  }
  return spaces ? raw.replace(SPACE_RUNS, ' ').trim() : raw;
}
const SPACE_RUNS = /[ \u3000]+/g;

/**
 * 氏名カナ: katakana (half-width and hiragana accepted and turned into full-width katakana), with spaces
 * between family and given name.
 */
export function parseKanaField(raw: string, maxLength = 100): FieldResult<string> {
  const plain = plainKatakana(raw);
  const v = plain ?? hiraganaToKatakana(raw.normalize('NFKC')).replace(/\s+/g, ' ').trim();
  if (v === '') return invalid('required', '氏名カナが空です。');
  if (v.length > maxLength) return invalid('too_long', `氏名カナが長すぎます（${maxLength}文字まで）。`);
  if (plain === null && !/^[\u30a0-\u30ff ・]+$/.test(v)) return invalid('invalid_kana', '氏名カナはカタカナで入力してください。');
  return valid(v);
}
