/** What a field parser returns: the typed value, or an error code and a Japanese sentence (no value echoed). */
export type FieldResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

export const valid = <T>(value: T): FieldResult<T> => ({ ok: true, value });
export const invalid = <T = never>(code: string, message: string): FieldResult<T> => ({ ok: false, code, message });

/** NFKC, trimmed (full-width digits and spaces become half-width first). */
export const clean = (raw: string): string => raw.normalize('NFKC').trim();

/** Hyphen-like characters people put in numbers (郵便番号 060-0001, 060ー0001 …). */
export const NUMBER_DASHES = /[-‐‑‒–—―−ー－ｰ﹣]/g;
