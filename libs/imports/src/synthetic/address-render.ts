import type { MunicipalityEntry } from '@wavedesk/matching';
import type { Prng } from './prng';
import { SAPPORO_WARDS, TOWN_NAMES } from './name-data';

/** An address as parts, so that it can be written in the several notations real lists use. */
export interface SyntheticAddress {
  municipality: MunicipalityEntry;
  /** 札幌市's ward, else null. */
  ward: string | null;
  /** Grid address (北3条西4丁目) as in Sapporo and Asahikawa, else null. */
  grid: { dir: '北' | '南'; jo: number; side: '東' | '西'; chome: number } | null;
  town: string;
  chome: number | null;
  ban: number;
  go: number | null;
  building: { name: string; room: number } | null;
}

const GRID_CITIES = new Set(['札幌市', '旭川市', '岩見沢市', '滝川市', '帯広市']);
const BUILDINGS = ['コーポ', 'ハイツ', 'メゾン', 'グランドハイツ', 'レジデンス', 'ヴィラ'];

export function randomAddress(rng: Prng, municipality: MunicipalityEntry): SyntheticAddress {
  const ward = municipality.name === '札幌市' ? rng.pick(SAPPORO_WARDS) : null;
  const grid = GRID_CITIES.has(municipality.name) && rng.chance(0.6)
    ? { dir: rng.chance(0.5) ? ('北' as const) : ('南' as const), jo: rng.between(1, 24), side: rng.chance(0.5) ? ('東' as const) : ('西' as const), chome: rng.between(1, 20) }
    : null;
  const chome = grid ? null : rng.chance(0.7) ? rng.between(1, 6) : null;
  const building = rng.chance(0.1) ? { name: `${rng.pick(BUILDINGS)}${rng.pick(['栄', '緑', '旭', '泉', '桜', '北斗'])}`, room: rng.between(1, 4) * 100 + rng.between(1, 12) } : null;
  return {
    municipality,
    ward,
    grid,
    town: rng.pick(TOWN_NAMES),
    chome,
    ban: rng.between(1, 40),
    go: rng.chance(0.8) ? rng.between(1, 30) : null,
    building,
  };
}

export interface AddressStyle {
  prefecture: boolean;
  district: boolean;
  /** Between municipality and the rest. */
  gap: string;
  numerals: 'digits' | 'full-width' | 'kanji';
  /** 丁目・番・号 written out, or numbers joined by `dash`. */
  units: 'kanji' | 'dash';
  dash: string;
  halfWidthKana: boolean;
}

/** The style of the union's own list: 北海道 + 郡 + 市町村, half-width digits, 丁目番号 or hyphens. */
export const canonicalStyle = (units: 'kanji' | 'dash'): AddressStyle => ({
  prefecture: true, district: true, gap: '', numerals: 'digits', units, dash: '-', halfWidthKana: false,
});

const FULL_DIGITS = '０１２３４５６７８９';
const KANJI_DIGITS = '〇一二三四五六七八九';

function numeral(n: number, style: AddressStyle['numerals']): string {
  if (style === 'digits') return String(n);
  if (style === 'full-width') return String(n).replace(/\d/g, (d) => FULL_DIGITS[Number(d)]);
  if (n < 10) return KANJI_DIGITS[n];
  if (n >= 100) return String(n).replace(/\d/g, (d) => KANJI_DIGITS[Number(d)]); // 一〇一, as room numbers are written
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : KANJI_DIGITS[tens]}十${ones ? KANJI_DIGITS[ones] : ''}`;
}

const toHalfWidthKatakana = (s: string): string => s.replace(/[\u30a1-\u30f6ー]/g, (c) => HALF_KANA[c] ?? c);

export function renderAddress(a: SyntheticAddress, style: AddressStyle): string {
  const num = (n: number): string => numeral(n, style.numerals);
  const m = a.municipality;
  let head = `${style.prefecture ? '北海道' : ''}${style.district && m.district ? m.district : ''}${m.name}`;
  if (a.ward) head += a.ward;
  let rest: string;
  const tail: number[] = [a.ban, ...(a.go !== null ? [a.go] : [])];
  if (a.grid) {
    const g = a.grid;
    rest = `${g.dir}${num(g.jo)}条${g.side}${num(g.chome)}`;
    rest += style.units === 'kanji' ? `丁目${num(a.ban)}番${a.go !== null ? `${num(a.go)}号` : '地'}` : tail.map((n) => style.dash + num(n)).join('');
  } else if (a.chome !== null) {
    rest = `${a.town}${num(a.chome)}`;
    rest += style.units === 'kanji' ? `丁目${num(a.ban)}番${a.go !== null ? `${num(a.go)}号` : '地'}` : tail.map((n) => style.dash + num(n)).join('');
  } else {
    rest = `${a.town}${num(a.ban)}`;
    rest += style.units === 'kanji' ? `番地${a.go !== null ? num(a.go) : ''}` : a.go !== null ? style.dash + num(a.go) : '';
  }
  if (a.building) {
    const b = style.halfWidthKana ? toHalfWidthKatakana(a.building.name) : a.building.name;
    rest += `${style.gap === '' ? ' ' : style.gap}${b}${num(a.building.room)}号室`;
  }
  return head + style.gap + rest;
}

/** Full-width katakana → half-width (ｶﾞ is two characters), for the card-holder list's variation. */
export const HALF_KANA: Record<string, string> = (() => {
  const full = 'ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴー';
  const half = ['ｧ', 'ｱ', 'ｨ', 'ｲ', 'ｩ', 'ｳ', 'ｪ', 'ｴ', 'ｫ', 'ｵ', 'ｶ', 'ｶﾞ', 'ｷ', 'ｷﾞ', 'ｸ', 'ｸﾞ', 'ｹ', 'ｹﾞ', 'ｺ', 'ｺﾞ', 'ｻ', 'ｻﾞ', 'ｼ', 'ｼﾞ', 'ｽ', 'ｽﾞ', 'ｾ', 'ｾﾞ', 'ｿ', 'ｿﾞ',
    'ﾀ', 'ﾀﾞ', 'ﾁ', 'ﾁﾞ', 'ｯ', 'ﾂ', 'ﾂﾞ', 'ﾃ', 'ﾃﾞ', 'ﾄ', 'ﾄﾞ', 'ﾅ', 'ﾆ', 'ﾇ', 'ﾈ', 'ﾉ', 'ﾊ', 'ﾊﾞ', 'ﾊﾟ', 'ﾋ', 'ﾋﾞ', 'ﾋﾟ', 'ﾌ', 'ﾌﾞ', 'ﾌﾟ', 'ﾍ', 'ﾍﾞ', 'ﾍﾟ', 'ﾎ', 'ﾎﾞ', 'ﾎﾟ',
    'ﾏ', 'ﾐ', 'ﾑ', 'ﾒ', 'ﾓ', 'ｬ', 'ﾔ', 'ｭ', 'ﾕ', 'ｮ', 'ﾖ', 'ﾗ', 'ﾘ', 'ﾙ', 'ﾚ', 'ﾛ', 'ﾜ', 'ﾜ', 'ｲ', 'ｴ', 'ｦ', 'ﾝ', 'ｳﾞ', 'ｰ'];
  const map: Record<string, string> = {};
  [...full].forEach((c, i) => (map[c] = half[i]));
  return map;
})();

export const toHalfWidthKana = (s: string): string => s.replace(/[\u30a1-\u30fc]/g, (c) => HALF_KANA[c] ?? c).replace(/\u3000/g, ' ');
