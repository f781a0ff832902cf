import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultMunicipalityDirectory, withinOneEdit, type MunicipalityDirectory } from '@wavedesk/matching';
import { APPLICATION_ID_COLUMNS } from '../kinds/application-id.kind';
import { CARD_HOLDER_COLUMNS } from '../kinds/card-holder.kind';
import { INSURED_COLUMNS } from '../kinds/insured.kind';
import { canonicalStyle, randomAddress, renderAddress } from './address-render';
import { CsvSink, type OutputEncoding } from './csv-sink';
import { HolderVariation } from './holder-variation';
import { FACILITY_KINDS, FACILITY_WORDS, FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, SURNAMES } from './name-data';
import { Prng, WeightedPicker } from './prng';

/** The figures of the source document: 838,877 insured on 2021-07-01, 26.8 % of them card holders. */
export const DEFAULT_DATASET = { insured: 838_877, holderRate: 0.268, seed: 20210701, nearMatches: 200, referenceDate: '2021-07-01' } as const;

export interface GenerateDatasetOptions {
  /** Folder for the files (created if missing). */
  dir: string;
  insured?: number;
  /** Share of the insured who hold a card: targets = round(insured × (1 − holderRate)), exactly. */
  holderRate?: number;
  seed?: number;
  encoding?: OutputEncoding;
  /** Card holders written with a one-edit typo in the name: they must land in review, not be excluded. */
  nearMatches?: number;
  /** Ages 75–105 are counted on this day (ISO). */
  referenceDate?: string;
  /** Share of card holders whose row carries the 被保険者番号 (which then decides the match). */
  holderInsuredNumberRate?: number;
  /** Share of insured persons with a 送付先 (alternative delivery address). */
  deliveryRate?: number;
  /** Also write the J-LIS 申請書ID file for the targets. */
  applicationIds?: boolean;
  directory?: MunicipalityDirectory;
}

export interface MunicipalityExpectation {
  insured: number;
  holders: number;
  excluded: number;
  review: number;
  targets: number;
}

/**
 * What a correct import and match must find. Every card holder is an insured person; the planted near
 * matches are holders whose name has a one-edit typo. So:
 *   excluded = holders − nearMatches (by 被保険者番号 or by exact normalised key),
 *   review   = nearMatches (reason name_one_edit: same birth date, sex and municipality),
 *   targets  = insured − holders  (= 614,058 by default; the review persons are not targets, and
 *              settling each review as "same person" keeps it so).
 * No two insured persons share name + birth date + sex, and within one birth date + sex + municipality no
 * two names are one edit apart, so nothing else lands in review.
 */
export interface DatasetExpectation {
  insured: number;
  holders: number;
  holdersWithInsuredNumber: number;
  exactMatches: number;
  nearMatches: number;
  excluded: number;
  review: number;
  targets: number;
  deliveryAddresses: number;
  byMunicipality: Record<string, MunicipalityExpectation>;
  /** 被保険者番号 of the persons whose card-holder row has the typo (they must be in review). */
  nearMatchInsuredNumbers: string[];
}

export interface GeneratedDataset {
  files: { insured: string; cardHolders: string; applicationIds: string | null; expected: string };
  encoding: OutputEncoding;
  seed: number;
  referenceDate: string;
  expected: DatasetExpectation;
}

const INSURED_HEADER = Object.values(INSURED_COLUMNS);
const HOLDER_HEADER = Object.values(CARD_HOLDER_COLUMNS);
const DAY_MS = 86_400_000;

/** Splits `total` over weights with the largest-remainder method, so the parts add up exactly. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k++, left--) parts[order[k][1]]++;
  return parts;
}

/** Names already used per birth date + sex, with their municipality, to keep keys unambiguous. */
class NameRegistry {
  private readonly byDay = new Map<number, { names: string[]; munis: number[] }>();

  /** True when `name` can be used: no one else with this birth date and sex has it, and no one in the same municipality is one edit away. */
  fits(dayKey: number, name: string, muni: number, except = -1): boolean {
    const e = this.byDay.get(dayKey);
    if (!e) return true;
    for (let i = 0; i < e.names.length; i++) {
      if (i === except) continue;
      const other = e.names[i];
      if (other === name) return false;
      if (e.munis[i] === muni && Math.abs(other.length - name.length) <= 1 && withinOneEdit(other, name)) return false;
    }
    return true;
  }

  add(dayKey: number, name: string, muni: number): number {
    let e = this.byDay.get(dayKey);
    if (!e) this.byDay.set(dayKey, (e = { names: [], munis: [] }));
    e.names.push(name);
    e.munis.push(muni);
    return e.names.length - 1;
  }
}

const KANJI_TYPO_POOL = ['子', '代', '美', '江', '枝', '恵', '花', '春', '秋', '雪', '光', '正', '義', '勝', '吉', '治', '雄', '夫'];
const KANA_TYPO_POOL = ['ハ', 'キ', 'ミ', 'ト', 'ヨ', 'ツ', 'カ', 'フ', 'マ', 'ウ', 'ネ', 'ソ'];

/**
 * Writes a synthetic insured list and card-holder list (and optionally a 申請書ID file) and returns the
 * counts a correct import and match must find. Streams both files; memory stays at the name registry
 * (~100 MB for the default 838,877 persons).
 *
 * Insured persons are spread over the 179 municipalities in proportion to total population
 * (住民基本台帳, 2026-01-01). This is an approximation: there is no public per-municipality count of
 * people aged 75+, and rural towns have far older populations than Sapporo. Postal codes are plausible
 * Hokkaido codes (0xx-xxxx), not the real codes of the addresses. Names are drawn from common surnames and
 * given names of the generation; any resemblance to a real person is chance.
 */
export async function generateDataset(options: GenerateDatasetOptions): Promise<GeneratedDataset> {
  const insuredTotal = options.insured ?? DEFAULT_DATASET.insured;
  const holderRate = options.holderRate ?? DEFAULT_DATASET.holderRate;
  const seed = options.seed ?? DEFAULT_DATASET.seed;
  const encoding = options.encoding ?? 'shift_jis';
  const referenceDate = options.referenceDate ?? DEFAULT_DATASET.referenceDate;
  const numberRate = options.holderInsuredNumberRate ?? 0.1;
  const deliveryRate = options.deliveryRate ?? 0.02;
  const directory = options.directory ?? defaultMunicipalityDirectory();
  const targetsTotal = Math.round(insuredTotal * (1 - holderRate));
  const holdersTotal = insuredTotal - targetsTotal;
  const nearTotal = Math.min(options.nearMatches ?? DEFAULT_DATASET.nearMatches, holdersTotal);

  mkdirSync(options.dir, { recursive: true });
  const suffix = encoding === 'utf-8' ? 'utf8' : 'sjis';
  const files = {
    insured: join(options.dir, `insured.${suffix}.csv`),
    cardHolders: join(options.dir, `card-holders.${suffix}.csv`),
    applicationIds: options.applicationIds ? join(options.dir, `application-ids.${suffix}.csv`) : null,
    expected: join(options.dir, 'expected.json'),
  };

  const rng = new Prng(seed);
  const variation = new HolderVariation(new Prng(seed ^ 0x5bd1e995), encoding);
  const registry = new NameRegistry();
  const municipalities = directory.entries;
  const perMunicipality = apportion(insuredTotal, municipalities.map((m) => m.population));
  const surnamePicker = new WeightedPicker(SURNAMES.map((_, i) => 1 / (i + 8)));

  // Ages 75–105 on the reference day, fewer at each older age (a rough survival curve).
  const ref = Date.parse(`${referenceDate}T00:00:00Z`);
  const refDate = new Date(ref);
  const agePicker = new WeightedPicker(Array.from({ length: 31 }, (_, k) => Math.exp(-0.11 * k)));
  const birthDay = (): number => {
    const age = 75 + agePicker.pick(rng);
    const latest = Date.UTC(refDate.getUTCFullYear() - age, refDate.getUTCMonth(), refDate.getUTCDate());
    const earliest = Date.UTC(refDate.getUTCFullYear() - age - 1, refDate.getUTCMonth(), refDate.getUTCDate()) + DAY_MS;
    return Math.floor(earliest / DAY_MS) + rng.int(Math.round((latest - earliest) / DAY_MS) + 1);
  };
  const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

  // 被保険者番号: a bijection of the row index onto 8 digits, so numbers are unique but not sequential.
  const numberOffset = rng.int(100_000_000);
  const insuredNumberOf = (i: number): string => String((i * 73_856_093 + numberOffset) % 100_000_000).padStart(8, '0');

  const insuredSink = new CsvSink(files.insured, encoding);
  const holderSink = new CsvSink(files.cardHolders, encoding);
  const applicationSink = files.applicationIds ? new CsvSink(files.applicationIds, encoding) : null;
  await insuredSink.line(INSURED_HEADER);
  await holderSink.line(HOLDER_HEADER, true);
  if (applicationSink) await applicationSink.line(Object.values(APPLICATION_ID_COLUMNS));

  const expected: DatasetExpectation = {
    insured: insuredTotal, holders: holdersTotal, holdersWithInsuredNumber: 0, exactMatches: 0, nearMatches: 0,
    excluded: 0, review: 0, targets: targetsTotal, deliveryAddresses: 0, byMunicipality: {}, nearMatchInsuredNumbers: [],
  };

  let index = 0;
  let holdersLeft = holdersTotal;
  let nearLeft = nearTotal;
  for (let mi = 0; mi < municipalities.length; mi++) {
    const m = municipalities[mi];
    const counts: MunicipalityExpectation = { insured: 0, holders: 0, excluded: 0, review: 0, targets: 0 };
    expected.byMunicipality[m.code] = counts;
    const postalPrefix = `0${40 + ((mi * 7) % 60)}`;
    for (let j = 0; j < perMunicipality[mi]; j++, index++) {
      const female = rng.chance(0.6);
      const givenNames = female ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES;
      let day = birthDay();
      let surname: [string, string];
      let given: [string, string];
      let name: string;
      for (let tries = 0; ; tries++) {
        surname = SURNAMES[surnamePicker.pick(rng)];
        given = rng.pick(givenNames);
        name = surname[0] + given[0];
        if (registry.fits(day * 2 + (female ? 1 : 0), name, mi)) break;
        if (tries % 50 === 49) day--; // a crowded birth date: move one day earlier
      }
      const dayKey = day * 2 + (female ? 1 : 0);
      const entry = registry.add(dayKey, name, mi);
      const birthDate = isoOf(day);
      const address = randomAddress(rng, m);
      const insuredNumber = insuredNumberOf(index);
      const postal = `${postalPrefix}-${String(rng.int(10_000)).padStart(4, '0')}`;
      let delivery = ['', '', ''];
      if (rng.chance(deliveryRate)) {
        const facility = rng.chance(0.7);
        const to = randomAddress(rng, m);
        delivery = [
          facility ? `${rng.pick(FACILITY_KINDS)}${rng.pick(FACILITY_WORDS)}${rng.pick(['苑', '荘', 'の里', 'ホーム'])}` : `${SURNAMES[surnamePicker.pick(rng)][0]}\u3000${rng.pick(MALE_GIVEN_NAMES)[0]}`,
          `${postalPrefix}-${String(rng.int(10_000)).padStart(4, '0')}`,
          renderAddress(to, canonicalStyle('kanji')),
        ];
        expected.deliveryAddresses++;
      }
      await insuredSink.line([
        insuredNumber, m.code, `${surname![0]}\u3000${given![0]}`, `${surname![1]}\u3000${given![1]}`, birthDate, female ? '2' : '1', postal,
        renderAddress(address, canonicalStyle(rng.chance(0.5) ? 'kanji' : 'dash')), '', ...delivery,
      ]);
      counts.insured++;

      // Selection sampling: exactly holdersTotal holders among insuredTotal, and nearTotal typos among them.
      const isHolder = rng.next() * (insuredTotal - index) < holdersLeft;
      if (!isHolder) {
        counts.targets++;
        if (applicationSink) {
          const id = Array.from({ length: 23 }, () => rng.int(10)).join('');
          await applicationSink.line([insuredNumber, id, `PLACEHOLDER-QR:${id}`]);
        }
        continue;
      }
      holdersLeft--;
      counts.holders++;
      let holderGiven = given![0];
      const typo = rng.next() * (holdersLeft + 1) < nearLeft ? makeTypo(rng, surname![0], given![0], (g) => registry.fits(dayKey, surname![0] + g, mi, entry)) : null;
      if (typo !== null) {
        nearLeft--;
        holderGiven = typo;
        registry.add(dayKey, surname![0] + typo, mi);
        counts.review++;
        expected.nearMatches++;
        expected.nearMatchInsuredNumbers.push(insuredNumber);
      } else {
        counts.excluded++;
      }
      const withNumber = typo === null && rng.chance(numberRate);
      if (withNumber) expected.holdersWithInsuredNumber++;
      else if (typo === null) expected.exactMatches++;
      await holderSink.line(
        [
          variation.name(surname![0], holderGiven),
          variation.kana(surname![1], given![1]),
          variation.birthDate(birthDate),
          variation.sex(female),
          variation.address(address),
          withNumber ? insuredNumber : '',
        ],
        true,
      );
    }
  }
  await Promise.all([insuredSink.close(), holderSink.close(), applicationSink?.close()]);

  expected.review = expected.nearMatches;
  expected.excluded = holdersTotal - expected.nearMatches;
  const result: GeneratedDataset = { files, encoding, seed, referenceDate, expected };
  writeFileSync(files.expected, JSON.stringify({ ...result, files: undefined, note: 'targets = insured − holders; review = nearMatches (planted one-edit typos)' }, null, 2));
  return result;
}

/** A given name one edit away from `given` that `fits`, or null (then the holder stays an exact match). */
function makeTypo(rng: Prng, surname: string, given: string, fits: (g: string) => boolean): string | null {
  const kana = /^[ァ-ヶー]+$/.test(given);
  const pool = kana ? KANA_TYPO_POOL : KANJI_TYPO_POOL;
  for (let tries = 0; tries < 20; tries++) {
    const chars = [...given];
    const at = rng.int(chars.length);
    const kind = rng.int(3);
    if (kind === 0) chars[at] = rng.pick(pool);
    else if (kind === 1 && chars.length > 1) chars.splice(at, 1);
    else chars.splice(at + 1, 0, rng.pick(pool));
    const typo = chars.join('');
    if (typo !== given && withinOneEdit(surname + given, surname + typo) && fits(typo)) return typo;
  }
  return null;
}
