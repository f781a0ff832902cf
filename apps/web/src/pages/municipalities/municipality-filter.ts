import type { Municipality } from '../../api';
import { toKatakana } from '../../format';

export interface MunicipalityFilter {
  /** code prefix, name, or reading in hiragana or katakana */
  text: string;
  /** subprefecture (振興局), or '' for all */
  subprefecture: string;
}

/** The municipalities that match what the user typed and chose. */
export function filterMunicipalities(list: Municipality[], filter: MunicipalityFilter): Municipality[] {
  const text = toKatakana(filter.text.trim());
  return list.filter(
    (m) =>
      (!filter.subprefecture || m.subprefecture === filter.subprefecture) &&
      (!text || m.code.startsWith(text) || m.name.includes(text) || m.kana.startsWith(text)),
  );
}

/** The subprefectures in the order they first appear (the list is ordered by code, so roughly west to east). */
export function subprefecturesOf(list: Municipality[]): string[] {
  return [...new Set(list.map((m) => m.subprefecture))];
}
