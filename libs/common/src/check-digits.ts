/**
 * Check digits used in Japanese public administration (see ../shared/DOMAIN.md).
 * Plain functions, no framework.
 */

/** 個人番号 (My Number): 12 digits, the 12th a check digit (総務省令 平成26年第85号 第5条). */
export function isValidMyNumber(value: string): boolean {
  if (!/^\d{12}$/.test(value)) return false;
  const weights = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  let sum = 0;
  for (let i = 0; i < 11; i++) sum += Number(value[i]) * weights[i];
  const r = sum % 11;
  const check = r <= 1 ? 0 : 11 - r;
  return check === Number(value[11]);
}

/**
 * Finds a 個人番号 inside free text: any run of exactly 12 digits (half- or full-width, optionally
 * written in groups of 4 with spaces or hyphens) that passes the check digit. Numbers that fail the
 * check digit (phone numbers, 12-digit codes) are not reported.
 */
export function containsMyNumber(text: string): boolean {
  const halfWidth = text.normalize('NFKC');
  const candidates = halfWidth.match(/(?<!\d)(?:\d{4}[ -]?\d{4}[ -]?\d{4})(?!\d)/g) ?? [];
  return candidates.some((c) => isValidMyNumber(c.replace(/[ -]/g, '')));
}

/** 全国地方公共団体コード: 5 digits plus a check digit ((11 − Σ dᵢ·(6,5,4,3,2) mod 11) mod 10). */
export function isValidMunicipalityCode(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const weights = [6, 5, 4, 3, 2];
  let sum = 0;
  for (let i = 0; i < 5; i++) sum += Number(code[i]) * weights[i];
  return (11 - (sum % 11)) % 10 === Number(code[5]);
}
