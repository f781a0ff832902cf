import { clean, invalid, NUMBER_DASHES, valid, type FieldResult } from './field-result';

const PLAIN_HYPHENATED = /^\d{3}-\d{4}$/;
const PLAIN_DIGITS = /^\d{7}$/;

/** 郵便番号: 7 digits, with or without a hyphen, full-width accepted, a leading 〒 ignored → "0600001". */
export function parsePostalCodeField(raw: string): FieldResult<string> {
  // The usual forms, 060-0001 and 0600001, without the general clean-up below (same result).
  if (raw.length === 8 && PLAIN_HYPHENATED.test(raw)) return valid(raw.slice(0, 3) + raw.slice(4));
  if (raw.length === 7 && PLAIN_DIGITS.test(raw)) return valid(raw);
  const v = clean(raw).replace(/^〒/, '').replace(/\s+/g, '');
  if (/^\d{3}[-‐‑‒–—―−ー－ｰ﹣]?\d{4}$/.test(v)) return valid(v.replace(NUMBER_DASHES, ''));
  return invalid('invalid_postal_code', '郵便番号は7桁の数字で入力してください（例: 060-0001）。');
}

/** "0600001" → "060-0001", for display and print. */
export const formatPostalCode = (code: string): string => `${code.slice(0, 3)}-${code.slice(3)}`;
