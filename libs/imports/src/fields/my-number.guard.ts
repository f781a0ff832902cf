import { containsMyNumber, isValidMyNumber } from '@wavedesk/common';

/**
 * The 個人番号 guard: the mailing never needs a 個人番号, so a column holding one is refused as a whole.
 * `cellHasMyNumber` is called on every cell and must be cheap: a cell with fewer than 12 digits (names,
 * readings, most addresses) is passed over without a regular expression.
 */
export function cellHasMyNumber(value: string, opaque = false): boolean {
  if (value.length < 12) return false; // too short for 12 digits
  let digits = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19)) digits++;
  }
  if (digits < 12) return false;
  // Opaque data (QRデータ) is only refused when the whole value is a 個人番号: a long payload may hold
  // any 12 digits by chance.
  if (opaque) return isValidMyNumber(value.normalize('NFKC').replace(/[\s-]/g, ''));
  return containsMyNumber(value);
}

/** Header names that announce a 個人番号 column on their own. */
export function isMyNumberHeader(header: string): boolean {
  const h = header.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  return /^(個人番号|マイナンバー|MYNUMBER|MY_NUMBER|MYNO)(\(.*\))?$/.test(h);
}

export const myNumberColumnMessage = (column: string, row?: number): string =>
  `列「${column}」に個人番号（マイナンバー）と思われる値${row ? `（${row}行目など）` : ''}があるため、このファイルは取り込めません。` +
  '発送に個人番号は不要です。この列を削除してから取り込んでください。';
