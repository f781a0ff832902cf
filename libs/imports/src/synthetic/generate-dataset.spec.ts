import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CardHolderIndex,
  defaultMunicipalityDirectory,
  MatchHasher,
  matchKeyParts,
  Matcher,
  normalizeKana,
  normalizeName,
} from '@wavedesk/matching';
import { readImport } from '../import-reader';
import { HALF_KANA } from './address-render';
import { encodable } from './csv-sink';
import { apportion, DEFAULT_DATASET, generateDataset, type GeneratedDataset } from './generate-dataset';
import { HolderVariation } from './holder-variation';
import { FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, SURNAMES, TOWN_NAMES } from './name-data';
import { Prng } from './prng';

const directory = defaultMunicipalityDirectory();
const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Imports both lists with the real reader and matches them with the real matcher. */
async function importAndMatch(ds: GeneratedDataset) {
  const hasher = new MatchHasher('test-secret');
  const index = new CardHolderIndex(ds.expected.holders);
  let holderErrors = 0;
  for await (const r of readImport('card-holders', createReadStream(ds.files.cardHolders), { today: ds.referenceDate })) {
    if (!r.record) holderErrors++;
    else if (r.record.insuredNumber) index.add({ insuredNumber: r.record.insuredNumber });
    else index.add(hasher.cardHolder(matchKeyParts(r.record, directory)));
  }
  const matcher = new Matcher(index);
  const counts = { excluded: 0, review: 0, targets: 0, insuredErrors: 0 };
  const byMunicipality: Record<string, { excluded: number; review: number; targets: number }> = {};
  const review: string[] = [];
  for await (const r of readImport('insured', createReadStream(ds.files.insured), { today: ds.referenceDate })) {
    if (!r.record) {
      counts.insuredErrors++;
      continue;
    }
    const parts = matchKeyParts(r.record, directory, r.record.municipalityCode);
    const outcome = matcher.match({ insuredNumber: r.record.insuredNumber, ...hasher.insured(parts), near: () => hasher.nearQueries(parts) });
    const m = (byMunicipality[r.record.municipalityCode] ??= { excluded: 0, review: 0, targets: 0 });
    const key = outcome.status === 'target' ? 'targets' : outcome.status;
    counts[key]++;
    m[key]++;
    if (outcome.status === 'review') {
      expect(outcome.reason).toBe('name_one_edit');
      review.push(r.record.insuredNumber);
    }
  }
  return { holderErrors, counts, byMunicipality, review };
}

describe('generateDataset', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'wavedesk-synthetic-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('default figures give exactly 614,058 targets and 224,819 holders', () => {
    const targets = Math.round(DEFAULT_DATASET.insured * (1 - DEFAULT_DATASET.holderRate));
    expect(targets).toBe(614_058);
    expect(DEFAULT_DATASET.insured - targets).toBe(224_819);
  });

  it.each(['shift_jis', 'utf-8'] as const)(
    'writes a %s set in which correct normalisation finds every holder and only the planted near matches go to review',
    async (encoding) => {
      const ds = await generateDataset({ dir: join(dir, encoding), insured: 12_000, holderRate: 0.268, nearMatches: 30, seed: 7, encoding });
      const e = ds.expected;
      expect(e.targets).toBe(Math.round(12_000 * 0.732));
      expect(e.holders).toBe(12_000 - e.targets);
      expect(e.nearMatches).toBe(30);
      expect(e.excluded).toBe(e.holders - 30);
      expect(e.exactMatches + e.holdersWithInsuredNumber).toBe(e.excluded);
      expect(Object.values(e.byMunicipality).reduce((a, m) => a + m.insured, 0)).toBe(12_000);

      const result = await importAndMatch(ds);
      expect(result.holderErrors).toBe(0);
      expect(result.counts).toEqual({ excluded: e.excluded, review: e.review, targets: e.targets, insuredErrors: 0 });
      expect(result.review.sort()).toEqual([...e.nearMatchInsuredNumbers].sort());
      for (const [code, m] of Object.entries(e.byMunicipality)) {
        expect(result.byMunicipality[code] ?? { excluded: 0, review: 0, targets: 0 }).toEqual({ excluded: m.excluded, review: m.review, targets: m.targets });
      }
      expect(JSON.parse(readFileSync(ds.files.expected, 'utf8')).expected.targets).toBe(e.targets);
    },
    120_000,
  );

  it('the card-holder list really varies the notation (so a naive comparison would miss holders)', async () => {
    const ds = await generateDataset({ dir: join(dir, 'variety'), insured: 4_000, nearMatches: 0, seed: 11, encoding: 'utf-8' });
    const text = readFileSync(ds.files.cardHolders, 'utf8');
    for (const marker of [/[髙﨑齋邊邉澤廣濱櫻]/, /[ｱ-ﾝ]/, /昭和\d+年/, /"S\d+\.\d+\.\d+"/, /"[0-9]{4}\/\d+\/\d+"/, /丁目/, /[一二三四五六七八九十]丁目/, /[－ー―‐]/, /"女"|"男"/, /"北海道/]) {
      expect(text).toMatch(marker);
    }
  });

  it('is deterministic: the same seed gives the same bytes, another seed different ones', async () => {
    const a = await generateDataset({ dir: join(dir, 'a'), insured: 3_000, seed: 42 });
    const b = await generateDataset({ dir: join(dir, 'b'), insured: 3_000, seed: 42 });
    const c = await generateDataset({ dir: join(dir, 'c'), insured: 3_000, seed: 43 });
    expect(sha(a.files.insured)).toBe(sha(b.files.insured));
    expect(sha(a.files.cardHolders)).toBe(sha(b.files.cardHolders));
    expect(sha(a.files.insured)).not.toBe(sha(c.files.insured));
  });

  it('spreads insured persons by population, about 60 % women, ages 75–105 on the reference day', async () => {
    const ds = await generateDataset({ dir: join(dir, 'spread'), insured: 20_000, seed: 3, encoding: 'utf-8', applicationIds: true });
    const counts = apportion(20_000, directory.entries.map((m) => m.population));
    directory.entries.forEach((m, i) => expect(ds.expected.byMunicipality[m.code].insured).toBe(counts[i]));
    const lines = readFileSync(ds.files.insured, 'utf8').trim().split('\r\n').slice(1).map((l) => l.split(','));
    const women = lines.filter((f) => f[5] === '2').length / lines.length;
    expect(women).toBeGreaterThan(0.57);
    expect(women).toBeLessThan(0.63);
    const births = lines.map((f) => f[4]).sort();
    expect(births[0] > '1915-07-01').toBe(true);
    expect(births[births.length - 1] <= '1946-07-01').toBe(true);
    const deliveries = lines.filter((f) => f[11] !== '').length / lines.length;
    expect(deliveries).toBeGreaterThan(0.01);
    expect(deliveries).toBeLessThan(0.03);
    const ids = readFileSync(ds.files.applicationIds!, 'utf8').trim().split('\r\n').slice(1);
    expect(ids).toHaveLength(ds.expected.targets);
    expect(ids.every((l) => /^\d{8},\d{23},PLACEHOLDER-QR:\d{23}$/.test(l))).toBe(true);
  });
});

describe('synthetic data tables', () => {
  it('has a few hundred surnames and given names, each already in normalised form, with katakana readings', () => {
    expect(SURNAMES.length).toBeGreaterThan(240);
    expect(FEMALE_GIVEN_NAMES.length + MALE_GIVEN_NAMES.length).toBeGreaterThan(190);
    for (const [kanji, kana] of [...SURNAMES, ...FEMALE_GIVEN_NAMES, ...MALE_GIVEN_NAMES]) {
      expect(normalizeName(kanji)).toBe(kanji);
      expect(kana).toMatch(/^[ァ-ヶー]+$/);
      expect(normalizeKana(kana)).toBe(normalizeKana(kana));
      expect(encodable(kanji + kana, 'shift_jis')).toBe(true);
    }
    expect(new Set(SURNAMES.map(([k]) => k)).size).toBe(SURNAMES.length);
  });

  it('town names never end with a kanji numeral (二丁目 and 2丁目 must normalise alike)', () => {
    for (const town of TOWN_NAMES) expect(town).not.toMatch(/[〇一二三四五六七八九十百千]$/);
  });

  it('maps every full-width katakana to the half-width form NFKC brings back (ヮヰヱ to their nearest)', () => {
    expect(Object.keys(HALF_KANA).length).toBeGreaterThan(80);
    for (const [full, half] of Object.entries(HALF_KANA)) {
      if (!'ヮヰヱ'.includes(full)) expect(half.normalize('NFKC')).toBe(full);
      expect(half).toMatch(/^[\uff61-\uff9f]+$/);
    }
  });

  it('offers old kanji forms only when the output encoding carries them', () => {
    const sjis = new HolderVariation(new Prng(1), 'shift_jis').variantTargets;
    const utf8 = new HolderVariation(new Prng(1), 'utf-8').variantTargets;
    expect(sjis).toEqual(expect.arrayContaining(['高', '崎', '斎', '辺', '沢', '広', '浜', '桜']));
    expect(utf8).toContain('吉'); // 𠮷 is not in CP932
    expect(sjis).not.toContain('吉');
  });

  it('the PRNG is reproducible and roughly uniform', () => {
    const a = new Prng(5);
    const b = new Prng(5);
    const xs = Array.from({ length: 10_000 }, () => a.next());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b.next()));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
  });
});
