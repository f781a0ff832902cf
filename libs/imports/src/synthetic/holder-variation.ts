import { KANJI_VARIANTS, toWareki } from '@wavedesk/matching';
import { canonicalStyle, renderAddress, toHalfWidthKana, type AddressStyle, type SyntheticAddress } from './address-render';
import { encodable, type OutputEncoding } from './csv-sink';
import type { Prng } from './prng';

/**
 * How the card-holder list writes a person differently from the insured list: old/variant kanji,
 * half-width kana and hiragana, other spacing, 和暦 and other date forms, 性別 as 男/女/1/2, and addresses
 * with or without 北海道 and 郡, kanji or full-width numerals, 丁目番地号 or hyphen variants. Only correct
 * normalisation finds every holder again.
 */
export class HolderVariation {
  /** Modern kanji → its old/variant forms that the output encoding can carry. */
  private readonly oldForms = new Map<string, string[]>();
  private readonly dashes: string[];

  constructor(
    private readonly rng: Prng,
    encoding: OutputEncoding,
  ) {
    for (const [old, modern] of Object.entries(KANJI_VARIANTS)) {
      if (!encodable(old, encoding)) continue;
      const list = this.oldForms.get(modern) ?? [];
      list.push(old);
      this.oldForms.set(modern, list);
    }
    this.dashes = ['-', '‐', '－', 'ー', '―', '−', '‑'].filter((d) => encodable(d, encoding));
  }

  /** Kanji with at least one old form available (for tests and statistics). */
  get variantTargets(): string[] {
    return [...this.oldForms.keys()];
  }

  name(surname: string, given: string): string {
    const rng = this.rng;
    const sep = rng.pick(['', ' ', '　', '　', ' ', '  ']);
    let s = this.oldKanji(surname);
    let g = this.oldKanji(given);
    if (/^[ァ-ヶー]+$/.test(g)) {
      if (rng.chance(0.3)) g = toHalfWidthKana(g);
      else if (rng.chance(0.2)) g = g.replace(/[ァ-ヶ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
    }
    if (rng.chance(0.03)) s = `${s}・`;
    const name = `${s}${sep}${g}`;
    return rng.chance(0.05) ? ` ${name} ` : name;
  }

  kana(surnameKana: string, givenKana: string): string {
    const rng = this.rng;
    const full = `${surnameKana}${rng.pick([' ', '　', ''])}${givenKana}`;
    if (rng.chance(0.35)) return toHalfWidthKana(full);
    if (rng.chance(0.15)) return full.replace(/[ァ-ヶ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
    return full;
  }

  birthDate(iso: string): string {
    const rng = this.rng;
    const [y, m, d] = iso.split('-').map(Number);
    const form = rng.int(9);
    const toFull = (s: string): string => s.replace(/[0-9.]/g, (c) => (c === '.' ? '．' : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
    switch (form) {
      case 0: return iso;
      case 1: return `${y}/${m}/${d}`;
      case 2: return `${y}年${m}月${d}日`;
      case 3: return toWareki(iso, 'kanji');
      case 4: return toWareki(iso, 'letter');
      case 5: return toWareki(iso, 'short');
      case 6: return toFull(toWareki(iso, 'letter'));
      case 7: return toWareki(iso, 'letter').toLowerCase();
      default: return `${y}/${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}`;
    }
  }

  sex(female: boolean): string {
    return female ? this.rng.pick(['女', '2', '２', '女性', '女']) : this.rng.pick(['男', '1', '１', '男性', '男']);
  }

  address(a: SyntheticAddress): string {
    const rng = this.rng;
    const style: AddressStyle = {
      ...canonicalStyle(rng.chance(0.5) ? 'kanji' : 'dash'),
      prefecture: rng.chance(0.5),
      district: rng.chance(0.5),
      gap: rng.pick(['', '', ' ', '　']),
      numerals: rng.chance(0.5) ? 'digits' : rng.chance(0.5) ? 'full-width' : 'kanji',
      dash: rng.pick(this.dashes),
      halfWidthKana: rng.chance(0.3),
    };
    return renderAddress(a, style);
  }

  private oldKanji(text: string): string {
    let out = '';
    for (const ch of text) {
      const forms = this.oldForms.get(ch);
      out += forms && this.rng.chance(0.4) ? this.rng.pick(forms) : ch;
    }
    return out;
  }
}
