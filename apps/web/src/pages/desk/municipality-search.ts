import type { Municipality } from '../../api';
import { toKatakana } from '../../format';

/**
 * What an operator types into the municipality field, made comparable: full-width digits and letters and
 * half-width katakana become their usual forms (NFKC), spaces go. "０１１" → "011", "ｻｯﾎﾟﾛ" → "サッポロ".
 */
export function normalizeQuery(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

/**
 * The municipalities matching what was typed, best first:
 * - digits: code prefix ("011" → 011002 札幌市 …, in code order);
 * - otherwise: name prefix (札幌, むかわ), then reading prefix (さっ, サッ: hiragana is compared as katakana,
 *   as the `kana` column is written), then name containing the text (幌), each in code order.
 * Nothing typed: nothing found (the list would be all 179).
 */
export function searchMunicipalities(list: readonly Municipality[], text: string, limit = 10): Municipality[] {
  const query = normalizeQuery(text);
  if (!query) return [];
  if (/^\d+$/.test(query)) return list.filter((m) => m.code.startsWith(query)).slice(0, limit);
  const reading = toKatakana(query);
  const rank = (m: Municipality): number => {
    if (m.name.startsWith(query)) return 0;
    if (m.kana.startsWith(reading)) return 1;
    if (m.name.includes(query)) return 2;
    return -1;
  };
  return list
    .map((m) => ({ m, r: rank(m) }))
    .filter(({ r }) => r >= 0)
    .sort((a, b) => a.r - b.r || a.m.code.localeCompare(b.m.code))
    .slice(0, limit)
    .map(({ m }) => m);
}

/** How a chosen municipality reads in the field: "札幌市（011002）". */
export const municipalityLabel = (m: Pick<Municipality, 'code' | 'name'>): string => `${m.name}（${m.code}）`;
