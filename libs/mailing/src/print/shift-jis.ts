/**
 * Shift_JIS for the print contractor, without silent damage.
 *
 * The encoding is Windows-31J (CP932, as iconv-lite's `cp932` defines it): Shift_JIS plus the NEC and IBM
 * extensions, so 髙, 﨑, 彅, ①, ㈱ and № survive. iconv-lite alone would replace anything else with `?`
 * without a word; this module encodes through a table built from iconv-lite and reports those characters
 * instead, so the caller can refuse the unit or substitute 〓 on purpose.
 *
 * Two kinds of input are fixed because they are not different characters at all:
 * - JIS-mapped code points of JIS X 0208 characters (WAVE DASH U+301C, MINUS SIGN U+2212, DOUBLE VERTICAL
 *   LINE U+2016, EM DASH U+2014, ¢ £ ¬ ¦) become the code points CP932 uses for the same JIS character
 *   (～ － ∥ ― ￠ ￡ ￢ ￤). Files converted from EUC-JP or ISO-2022-JP carry these, and 1−2−3 in an address
 *   must not become 1?2?3.
 * - A kana followed by a combining (semi-)voiced mark (か + U+3099) is composed (が).
 * Nothing else is normalised: NFC would turn compatibility ideographs such as 塚 (U+FA10) into other glyphs,
 * which in a name is a different spelling.
 *
 * Characters outside CP932 (e.g. 𠮷 U+20BB7, 鷗 U+9DD7, ideographic variation sequences) are 外字: how they
 * are printed is the contractor's matter (glyphs supplied as BDF files in the precedent, DOMAIN.md).
 */
import iconv from 'iconv-lite';

export const PRINT_ENCODING = 'cp932';
/** How the manifest and docs name the encoding. */
export const PRINT_ENCODING_LABEL = 'Shift_JIS (Windows-31J / CP932)';
/** 〓 (geta mark, CP932 0x81AC): the conventional stand-in for a character that cannot be printed yet. */
export const GETA = '\u3013';

const JIS_TO_CP932: Readonly<Record<string, string>> = {
  '\u301C': '\uFF5E', // 〜 WAVE DASH → ～ FULLWIDTH TILDE
  '\u2212': '\uFF0D', // − MINUS SIGN → － FULLWIDTH HYPHEN-MINUS
  '\u2016': '\u2225', // ‖ DOUBLE VERTICAL LINE → ∥ PARALLEL TO
  '\u2014': '\u2015', // — EM DASH → ― HORIZONTAL BAR
  '\u00A2': '\uFFE0', // ¢ → ￠
  '\u00A3': '\uFFE1', // £ → ￡
  '\u00AC': '\uFFE2', // ¬ → ￢
  '\u00A6': '\uFFE4', // ¦ → ￤
};
const FOLDABLE = /[\u301C\u2212\u2016\u2014\u00A2\u00A3\u00AC\u00A6]|[\u3041-\u30FF][\u3099\u309A]/g;
const FOLDABLE_TEST = /[\u301C\u2212\u2016\u2014\u00A2\u00A3\u00AC\u00A6]|\u3099|\u309A/;

/** The text with JIS-mapped code points and combining kana marks folded as described above. */
export function foldForCp932(text: string): string {
  if (!FOLDABLE_TEST.test(text)) return text;
  return text.replace(FOLDABLE, (m) => (m.length === 1 ? JIS_TO_CP932[m] : m.normalize('NFC')));
}

const UNMAPPABLE = 0xffff;
const QUESTION = 0x3f;
let encodeTable: Uint16Array | undefined;

/**
 * Unicode (BMP) → CP932 code, built once from iconv-lite so both always agree: every character that
 * iconv-lite's cp932 decoder can produce, plus the two it maps only when encoding (¥ → 0x5C, ‾ → 0x7E), is
 * encoded once by iconv-lite itself. A few thousand calls at first use (tens of ms); after that encoding
 * is a table lookup per character, several times faster than iconv-lite on short CSV fields.
 */
function cp932Table(): Uint16Array {
  if (encodeTable) return encodeTable;
  const candidates = new Set<number>([0x00a5, 0x203e]);
  for (let b = 0; b < 0x100; b++) candidates.add(iconv.decode(Buffer.from([b]), PRINT_ENCODING).charCodeAt(0));
  const pair = Buffer.alloc(2);
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (lead >= 0xa0 && lead <= 0xdf) continue;
    pair[0] = lead;
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      pair[1] = trail;
      const text = iconv.decode(pair, PRINT_ENCODING);
      if (text.length === 1) candidates.add(text.charCodeAt(0));
    }
  }
  const table = new Uint16Array(0x10000).fill(UNMAPPABLE);
  for (const code of candidates) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const bytes = iconv.encode(String.fromCharCode(code), PRINT_ENCODING);
    if (bytes.length === 1 && (bytes[0] !== QUESTION || code === QUESTION)) table[code] = bytes[0];
    else if (bytes.length === 2) table[code] = (bytes[0] << 8) | bytes[1];
  }
  encodeTable = table;
  return table;
}

/** True when CP932 has the code point (`?` included; nothing outside the BMP). */
export function isCp932Encodable(codePoint: number): boolean {
  return codePoint >= 0 && codePoint <= 0xffff && cp932Table()[codePoint] !== UNMAPPABLE;
}

/** A character CP932 cannot hold: where it is in the text (UTF-16 index) and which it is. */
export interface UnmappableCharacter {
  index: number;
  /** `U+20BB7` — the code point, so the contractor can prepare a 外字 glyph; never the surrounding text. */
  codePoint: string;
}

/** The characters of (already folded) text that CP932 cannot hold, in order. */
export function findUnmappable(text: string): UnmappableCharacter[] {
  const found: UnmappableCharacter[] = [];
  let index = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp >= 0x80 && !isCp932Encodable(cp)) {
      found.push({ index, codePoint: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` });
    }
    index += ch.length;
  }
  return found;
}

/** The text with every character CP932 cannot hold replaced by 〓. */
export function substituteUnmappable(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    out += cp >= 0x80 && !isCp932Encodable(cp) ? GETA : ch;
  }
  return out;
}

/**
 * Encodes (already folded) text to CP932 and says whether every character survived; a character CP932
 * cannot hold is written as `?`, as iconv-lite would, and makes `lossless` false.
 */
export function encodeCp932(text: string): { bytes: Buffer; lossless: boolean } {
  const table = cp932Table();
  const out = Buffer.allocUnsafe(text.length * 2);
  let pos = 0;
  let lossless = true;
  for (let i = 0; i < text.length; i++) {
    const code = table[text.charCodeAt(i)];
    if (code === UNMAPPABLE) {
      lossless = false;
      out[pos++] = QUESTION;
      if (text.charCodeAt(i) >= 0xd800 && text.charCodeAt(i) <= 0xdbff && i + 1 < text.length) i++; // one ? per pair
    } else if (code < 0x100) {
      out[pos++] = code;
    } else {
      out[pos++] = code >> 8;
      out[pos++] = code & 0xff;
    }
  }
  return { bytes: out.subarray(0, pos), lossless };
}

/** The most bytes {@link encodeCsvLine} can write for these fields. */
export function csvLineByteBound(fields: readonly string[]): number {
  let chars = 0;
  for (const field of fields) chars += field.length;
  return 2 * chars + 3 * fields.length + 2;
}

/**
 * Writes one CSV line — every field quoted, `"` doubled, CRLF — in CP932 straight into `out` at `pos`, and
 * returns the position after it; or -1 when a field holds a character CP932 cannot hold (what was written
 * past `pos` is then garbage to be overwritten). `out` must have {@link csvLineByteBound} bytes free.
 */
export function encodeCsvLine(fields: readonly string[], out: Buffer, pos: number): number {
  const table = cp932Table();
  for (let f = 0; f < fields.length; f++) {
    const text = fields[f];
    if (f > 0) out[pos++] = 0x2c; // ,
    out[pos++] = 0x22; // "
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (unit < 0x80) {
        if (unit === 0x22) out[pos++] = 0x22;
        out[pos++] = unit;
        continue;
      }
      const code = table[unit];
      if (code === UNMAPPABLE) return -1;
      if (code < 0x100) {
        out[pos++] = code;
      } else {
        out[pos++] = code >> 8;
        out[pos++] = code & 0xff;
      }
    }
    out[pos++] = 0x22;
  }
  out[pos++] = 0x0d;
  out[pos++] = 0x0a;
  return pos;
}
