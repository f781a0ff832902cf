import * as iconv from 'iconv-lite';
import { fileError } from '../import-error';

/** What the uploader says the file is; `auto` looks at the first bytes. */
export type CsvEncoding = 'auto' | 'utf-8' | 'shift_jis';
export type DetectedEncoding = 'utf-8' | 'shift_jis';

/** A streaming decoder: bytes in, text out, characters split across chunks handled. */
export interface TextChunkDecoder {
  write(chunk: Buffer): string;
  end(): string;
}

/** Shift_JIS as Windows writes it (CP932: NEC and IBM extensions such as 髙 﨑 ① included). */
export const SHIFT_JIS_CODEC = 'cp932';

export function createDecoder(encoding: DetectedEncoding): TextChunkDecoder {
  if (encoding === 'utf-8') {
    const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
    return { write: (chunk) => decoder.decode(chunk, { stream: true }), end: () => decoder.decode() };
  }
  return new Cp932Decoder();
}

const LF = 0x0a;

/** A line without a line feed after this many bytes is read with iconv-lite's streaming decoder. */
const LONG_LINE_BYTES = 256 * 1024;

/**
 * Characters where ICU's Shift_JIS and iconv-lite's CP932 may disagree: U+FFFD (bytes neither can read,
 * and a lone 0x80, which CP932 reads as U+0080), the controls ICU swaps (0x1A, 0x1C, 0x7F) and the private
 * use area (ICU reads the user-defined F940–F9FC there; CP932 as iconv-lite has it does not).
 */
// eslint-disable-next-line no-control-regex -- the control characters are exactly what is looked for
const MAY_DIFFER = /[\u001a\u001c\u007f\ufffd\ue000-\uf8ff]/;

/**
 * CP932 as iconv-lite reads it, at the speed of the runtime's own decoder (ICU's TextDecoder, about twice
 * as fast — it matters for a list of 80 MB). The bytes are cut after the last line feed of each chunk:
 * 0x0A is never part of a double-byte character, so every piece can be read on its own. A piece whose
 * text holds a character where the two decoders may disagree (see MAY_DIFFER: only in broken or unusual
 * files) is read again with iconv-lite, so the text is always exactly iconv-lite's. A line longer than a
 * chunk waits for its line feed; one of more than 256 KiB (no CSV line this long is valid) sends the rest of
 * the file to iconv-lite's streaming decoder, so memory stays bounded.
 */
class Cp932Decoder implements TextChunkDecoder {
  private readonly native = new TextDecoder('shift_jis');
  /** Bytes after the last line feed, read with the next chunk. */
  private carry: Buffer | null = null;
  private streaming: ReturnType<typeof iconv.getDecoder> | null = null;

  write(chunk: Buffer): string {
    if (this.streaming) return this.streaming.write(chunk);
    const bytes = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const end = bytes.lastIndexOf(LF) + 1;
    if (end === 0 && bytes.length < LONG_LINE_BYTES) {
      this.carry = bytes; // a line longer than one chunk: wait for its end
      return '';
    }
    if (end === 0) {
      this.carry = null;
      this.streaming = iconv.getDecoder(SHIFT_JIS_CODEC);
      return this.streaming.write(bytes);
    }
    this.carry = end < bytes.length ? bytes.subarray(end) : null;
    return this.piece(bytes.subarray(0, end));
  }

  end(): string {
    if (this.streaming) return this.streaming.end() ?? '';
    const rest = this.carry;
    this.carry = null;
    return rest ? this.piece(rest) : '';
  }

  private piece(bytes: Buffer): string {
    const text = this.native.decode(bytes);
    return MAY_DIFFER.test(text) ? iconv.decode(bytes, SHIFT_JIS_CODEC) : text;
  }
}

/** True when `bytes` is valid UTF-8, allowing a character cut off at the very end. */
export function isValidUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

const hasNonAscii = (bytes: Buffer): boolean => bytes.some((b) => b >= 0x80);

/** Strict CP932 byte structure; a lead byte cut off at the very end is allowed. */
export function isPlausibleShiftJis(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80 || (b >= 0xa1 && b <= 0xdf)) continue;
    if ((b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc)) {
      if (i + 1 === bytes.length) return true;
      const t = bytes[++i];
      if (t < 0x40 || t === 0x7f || t > 0xfc) return false;
      continue;
    }
    return false;
  }
  return true;
}

/** EUC-JP byte structure, and how much of the text would read as half-width kana if taken as Shift_JIS. */
function looksLikeEucJp(bytes: Buffer): boolean {
  let pairs = 0;
  let halfWidthKanaAsSjis = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    if (b === 0x8e || (b >= 0xa1 && b <= 0xfe)) {
      if (i + 1 === bytes.length) break;
      const t = bytes[++i];
      if (t < 0xa1 || t > 0xfe) return false;
      pairs++;
      if (b >= 0xa1 && b <= 0xdf) halfWidthKanaAsSjis++;
      continue;
    }
    if (b === 0x8f) {
      i += 2;
      continue;
    }
    return false;
  }
  // Japanese text in EUC-JP is mostly A4xx (hiragana) and B0–DF lead bytes, which Shift_JIS would read
  // as half-width katakana: real Shift_JIS files rarely have that much half-width kana.
  return pairs > 0 && halfWidthKanaAsSjis / pairs > 0.6;
}

/**
 * Decides how to decode a file from its first bytes. `auto`: a UTF-8 BOM or valid UTF-8 means UTF-8,
 * otherwise Shift_JIS (CP932). UTF-16, EUC-JP and binary files are refused with a message saying what
 * to do; so is a declared encoding the bytes clearly contradict.
 */
export function chooseEncoding(head: Buffer, declared: CsvEncoding): DetectedEncoding {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)  ) {
    throw fileError('unsupported_encoding', 'UTF-16 のファイルには対応していません。UTF-8 または Shift_JIS の CSV で保存し直してください。');
  }
  if (head.includes(0)) {
    throw fileError(
      'not_a_csv',
      'CSV ファイルとして読めません（文字でないデータが含まれています）。UTF-16 や Excel 形式（.xlsx）のファイルではありませんか。UTF-8 または Shift_JIS の CSV で保存し直してください。',
    );
  }
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  const utf8 = bom || isValidUtf8(head);
  if (declared === 'utf-8') {
    if (!utf8) {
      throw fileError('wrong_encoding', hintForNonUtf8(head, 'UTF-8 と指定されましたが、ファイルは UTF-8 ではありません。'), 1);
    }
    return 'utf-8';
  }
  if (declared === 'shift_jis') {
    if (bom || (utf8 && hasNonAscii(head))) {
      throw fileError('wrong_encoding', 'Shift_JIS と指定されましたが、ファイルは UTF-8 のようです。文字コードに「UTF-8」または「自動判定」を指定してください。', 1);
    }
    if (!isPlausibleShiftJis(head)) throw fileError('wrong_encoding', hintForNonUtf8(head, 'ファイルは Shift_JIS として読めません。'), 1);
    return 'shift_jis';
  }
  if (utf8) return 'utf-8';
  if (isPlausibleShiftJis(head) && !looksLikeEucJp(head)) return 'shift_jis';
  throw fileError('unknown_encoding', hintForNonUtf8(head, '文字コードを判別できません。'), 1);
}

function hintForNonUtf8(head: Buffer, lead: string): string {
  if (looksLikeEucJp(head)) return `${lead}EUC-JP のファイルのようです。EUC-JP には対応していないため、UTF-8 または Shift_JIS で保存し直してください。`;
  if (isPlausibleShiftJis(head)) return `${lead}Shift_JIS のファイルのようです。文字コードに「Shift_JIS」または「自動判定」を指定してください。`;
  return `${lead}UTF-8 または Shift_JIS の CSV で保存し直してください。`;
}
