/**
 * Masks telephone numbers in free text for exports: the first group (area code or 0X0 / 0120 prefix) and
 * the last two digits stay, every other digit becomes `*` — `011-231-4311` → `011-***-**11`,
 * `09012345678` → `090******78`; a local number without area code keeps only its last two digits
 * (`231-4311` → `***-**11`). Half- and full-width digits, hyphens, spaces and brackets are recognised;
 * the text around the number is left as it was.
 */

const D = '[0-9０-９]';
const S = '[-‐－−ー―–\\s　]';
const OPEN = '[(（]';
const CLOSE = '[)）]';
const PATTERNS = [
  `${OPEN}[0０]${D}{1,4}${CLOSE}${S}?${D}{1,4}(?:${S}|${CLOSE}${S}?)${D}{3,4}`, // (011)231-4311
  `[0０]${D}{1,4}(?:${S}|${OPEN})${D}{1,4}(?:${S}|${CLOSE}${S}?)${D}{3,4}`, // 011-231-4311, 011(231)4311, 090 1234 5678
  `[+＋][8８][1１]${S}?${D}{1,4}${S}?${D}{1,4}${S}?${D}{3,4}`, // +81-11-231-4311
  `[0０]${D}{9,10}`, // 0112314311, 09012345678
  `${D}{2,4}[-‐－−ー]${D}{4}`, // 231-4311 (local number without area code)
];
const CANDIDATE = new RegExp(`(?<![0-9０-９])(?:${PATTERNS.join('|')})(?![0-9０-９])`, 'gu');

const isDigit = (ch: string): boolean => /[0-9０-９]/.test(ch);

function digitCount(text: string): number {
  let n = 0;
  for (const ch of text) if (isDigit(ch)) n++;
  return n;
}

/**
 * Japanese numbers have 10 digits (landline, 0120) or 11 (mobile, 050 …); +81 numbers drop the 0; a local
 * number written without its area code has 6–8.
 */
function looksLikePhone(candidate: string): boolean {
  const digits = digitCount(candidate);
  if (/^[+＋]/.test(candidate)) return digits >= 11 && digits <= 12;
  if (/^[(（]?[0０]/.test(candidate)) return digits >= 10 && digits <= 11;
  return digits >= 6 && digits <= 8;
}

function maskOne(candidate: string): string {
  const chars = [...candidate];
  const digitPositions = chars.flatMap((ch, i) => (isDigit(ch) ? [i] : []));
  // Keep the first group when the number is written in groups, else the first three digits.
  const firstSeparator = chars.findIndex((ch, i) => i > 0 && !isDigit(ch) && i > digitPositions[0]);
  const grouped = firstSeparator > 0 && firstSeparator < digitPositions[digitPositions.length - 1];
  const local = !/^[(（]?[0０]|^[+＋]/.test(candidate);
  const keepHead = local ? 0 : grouped ? digitPositions.filter((p) => p < firstSeparator).length : 3;
  const keep = new Set([...digitPositions.slice(0, keepHead), ...digitPositions.slice(-2)]);
  return chars.map((ch, i) => (isDigit(ch) && !keep.has(i) ? '*' : ch)).join('');
}

export function maskPhoneNumbers(text: string): string {
  return text.replace(CANDIDATE, (candidate) => (looksLikePhone(candidate) ? maskOne(candidate) : candidate));
}
