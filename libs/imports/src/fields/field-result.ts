/** What a field parser returns: the typed value, or an error code and a Japanese sentence (no value echoed). */
export type FieldResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

export const valid = <T>(value: T): FieldResult<T> => ({ ok: true, value });
export const invalid = <T = never>(code: string, message: string): FieldResult<T> => ({ ok: false, code, message });

/** True when every character is ASCII: NFKC leaves such text as it is. */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}

/**
 * NFKC, trimmed (full-width digits and spaces become half-width first). Most cells are plain ASCII,
 * which NFKC would return unchanged: they skip the normaliser (it runs for millions of cells).
 */
export const clean = (raw: string): string => (isAscii(raw) ? raw : raw.normalize('NFKC')).trim();

/** Hyphen-like characters people put in numbers (郵便番号 060-0001, 060ー0001 …). */
export const NUMBER_DASHES = /[-‐‑‒–—―−ー－ｰ﹣]/g;
