/** Splits into code points only when needed (names rarely hold characters outside the BMP). */
export function codePoints(s: string): string[] {
  return /[\ud800-\udfff]/.test(s) ? Array.from(s) : s.split('');
}

const SURROGATE = /[\ud800-\udfff]/;

/** True when a and b are at most one insertion, deletion or substitution apart (Levenshtein ≤ 1). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 2) return false;
  const surrogates = SURROGATE.test(a) || SURROGATE.test(b);
  if (!surrogates) return withinOneEditUnits(a, b);
  const x = codePoints(a);
  const y = codePoints(b);
  if (Math.abs(x.length - y.length) > 1) return false;
  const [s, l] = x.length <= y.length ? [x, y] : [y, x];
  let i = 0;
  while (i < s.length && s[i] === l[i]) i++;
  if (s.length === l.length) {
    for (let j = i + 1; j < s.length; j++) if (s[j] !== l[j]) return false;
    return true;
  }
  for (let j = i; j < s.length; j++) if (s[j] !== l[j + 1]) return false;
  return true;
}

/** withinOneEdit for strings without surrogate pairs: compares code units, allocates nothing. */
function withinOneEditUnits(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < s.length && s.charCodeAt(i) === l.charCodeAt(i)) i++;
  if (s.length === l.length) {
    for (let j = i + 1; j < s.length; j++) if (s.charCodeAt(j) !== l.charCodeAt(j)) return false;
    return true;
  }
  for (let j = i; j < s.length; j++) if (s.charCodeAt(j) !== l.charCodeAt(j + 1)) return false;
  return true;
}

/** The strings obtained by deleting one code point, with the position deleted. */
export function deletions(s: string): Array<{ at: number; rest: string }> {
  const cps = codePoints(s);
  const out: Array<{ at: number; rest: string }> = [];
  for (let i = 0; i < cps.length; i++) out.push({ at: i, rest: cps.slice(0, i).join('') + cps.slice(i + 1).join('') });
  return out;
}
