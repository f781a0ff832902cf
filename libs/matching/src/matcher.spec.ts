import { holderNearKeys, MatchHasher, matchKeyParts, nameSignatureQueries, nameSignatures, nearQueryKeys, SIGNATURE_HIT, type PersonIdentity } from './match-keys';
import { CardHolderIndex, Matcher, type InsuredMatchInput } from './matcher';
import { defaultMunicipalityDirectory } from './municipality-directory';
import { withinOneEdit } from './edit-distance';

const directory = defaultMunicipalityDirectory();
const hasher = new MatchHasher('test-secret');

function insured(p: PersonIdentity, insuredNumber = '12345678', code?: string): InsuredMatchInput {
  const parts = matchKeyParts(p, directory, code);
  return { insuredNumber, ...hasher.insured(parts), near: (hits) => hasher.nearQueries(parts, hits) };
}
function indexOf(...holders: PersonIdentity[]): CardHolderIndex {
  const index = new CardHolderIndex();
  for (const h of holders) index.add(hasher.cardHolder(matchKeyParts(h, directory)));
  return index;
}

const hanako: PersonIdentity = { name: '髙橋 花子', birthDate: '1940-03-02', sex: 'female', address: '北海道札幌市中央区北1条西2丁目3番4号' };

describe('withinOneEdit', () => {
  it.each([
    ['高橋花子', '高橋花子', true], ['高橋花子', '高橋華子', true], ['高橋花子', '高橋花', true], ['高橋花子', '高橋花子子', true],
    ['高橋花子', '高花橋子', false], ['高橋花子', '高橋', false], ['𠮷田', '吉田', true], ['ab', 'ba', false],
  ])('%s vs %s → %s', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
    expect(withinOneEdit(b, a)).toBe(expected);
  });
});

describe('Matcher', () => {
  it('excludes a card holder written with variants, half-width kana, spaces and another address notation', () => {
    const index = indexOf({ name: '高橋　花子', birthDate: '1940-03-02', sex: 'female', address: '札幌市中央区北一条西二丁目３－４' });
    expect(new Matcher(index).match(insured(hanako))).toEqual({ status: 'excluded', reason: 'exact' });
  });

  it('uses the insured list\'s municipality code when its address omits the municipality', () => {
    const index = indexOf({ ...hanako, address: '北海道札幌市中央区北1条西2-3-4' });
    const p = insured({ ...hanako, address: '中央区北1条西2丁目3番4号' }, '12345678', '011002');
    expect(new Matcher(index).match(p)).toEqual({ status: 'excluded', reason: 'exact' });
  });

  it('sends the same person at another address to review', () => {
    const index = indexOf({ ...hanako, address: '旭川市1条通8丁目' });
    expect(new Matcher(index).match(insured(hanako))).toEqual({ status: 'review', reason: 'address_differs' });
  });

  it.each([
    ['substitution', '高橋華子'],
    ['deletion', '高橋花'],
    ['insertion', '高橋花子子'],
    ['kana typo', '高橋ハ子'],
  ])('sends a name one edit away (%s) in the same municipality to review, not exclusion', (_, name) => {
    const index = indexOf({ ...hanako, name, address: '札幌市中央区南5条西1-1' });
    expect(new Matcher(index).match(insured(hanako))).toEqual({ status: 'review', reason: 'name_one_edit' });
  });

  it('finds near matches in both directions (holder has the longer name / the insured has)', () => {
    const short = { ...hanako, name: '高橋花' };
    expect(new Matcher(indexOf(hanako)).match(insured(short))).toEqual({ status: 'review', reason: 'name_one_edit' });
    expect(new Matcher(indexOf(short)).match(insured(hanako))).toEqual({ status: 'review', reason: 'name_one_edit' });
  });

  it.each([
    ['two edits apart', { name: '高田華子' }],
    ['a transposition (two edits)', { name: '橋高花子' }],
    ['another birth date', { name: '高橋華子', birthDate: '1940-03-03' }],
    ['the other sex', { name: '高橋華子', sex: 'male' as const }],
    ['another municipality', { name: '高橋華子', address: '小樽市稲穂1-1' }],
  ])('leaves a person a target when the holder differs by %s', (_, change) => {
    const index = indexOf({ ...hanako, ...change });
    expect(new Matcher(index).match(insured(hanako))).toEqual({ status: 'target' });
  });

  it('accepts near queries as fingerprints, with the same result as hex keys', () => {
    const index = indexOf({ ...hanako, name: '高橋華子', address: '札幌市中央区南5条西1-1' });
    const parts = matchKeyParts(hanako, directory);
    const p = { insuredNumber: '12345678', ...hasher.insured(parts), near: (hits: number) => hasher.nearQueryFingerprints(parts, hits) };
    expect(new Matcher(index).match(p)).toEqual({ status: 'review', reason: 'name_one_edit' });
    const fp = hasher.nearQueryFingerprints(parts);
    const hex = hasher.nearQueries(parts);
    expect(fp.length).toBe(hex.length * 2);
    expect(Array.from(fp.slice(0, 2)).map((w) => (w >>> 0).toString(16).padStart(8, '0')).join('')).toBe(hex[0].slice(0, 16));
  });

  it('lets the holder list\'s 被保険者番号 decide on its own', () => {
    const index = new CardHolderIndex();
    index.add({ insuredNumber: '00012345' });
    const matcher = new Matcher(index);
    expect(matcher.match(insured(hanako, '00012345'))).toEqual({ status: 'excluded', reason: 'insured_number' });
    expect(matcher.match(insured(hanako, '00012346'))).toEqual({ status: 'target' });
  });

  it('stores holders as hashes only: no name, reading or address text in what is kept', () => {
    const keys = hasher.cardHolder(matchKeyParts(hanako, directory));
    const stored = JSON.stringify(keys);
    expect(stored).not.toMatch(/[高橋花子札幌]|1940/);
    expect([keys.exact, keys.person, keys.bucket, ...keys.nearFilter, ...keys.near].every((k) => /^[0-9a-f]{32}$/.test(k!))).toBe(true);
    expect(keys.near.length).toBeGreaterThan(4);
  });

  it('does not compute near queries when no holder in the bucket shares a name signature', () => {
    const index = indexOf({ ...hanako, name: '佐藤一郎' });
    const near = jest.fn(() => [] as string[]);
    expect(new Matcher(index).match({ ...insured(hanako), near })).toEqual({ status: 'target' });
    expect(near).not.toHaveBeenCalled();
  });

  it('does not compute near queries unless the bucket holds a holder', () => {
    const index = indexOf({ ...hanako, birthDate: '1941-01-01' });
    const near = jest.fn(() => [] as string[]);
    const p = { ...insured(hanako), near };
    expect(new Matcher(index).match(p)).toEqual({ status: 'target' });
    expect(near).not.toHaveBeenCalled();
  });
});

describe('nameSignatures', () => {
  /** Every string over `alphabet` up to `max` characters. */
  function* strings(alphabet: string[], max: number): Generator<string> {
    let level = [''];
    for (let n = 1; n <= max; n++) {
      level = level.flatMap((s) => alphabet.map((c) => s + c));
      yield* level;
    }
  }

  it('an insured name one edit from a holder name always finds one of its signatures (exhaustive, 3-letter alphabet, lengths 1–6)', () => {
    const all = [...strings(['あ', '花', '𠮷'], 6)];
    const held = new Map(all.map((s) => [s, new Set(nameSignatures(s))]));
    let pairs = 0;
    for (const insured of all) {
      const queries = nameSignatureQueries(insured);
      for (const holder of all) {
        if (insured === holder || !withinOneEdit(insured, holder)) continue;
        pairs++;
        if (!queries.some((q) => held.get(holder)!.has(q))) throw new Error(`no shared signature: ${insured} / ${holder}`);
      }
    }
    expect(pairs).toBeGreaterThan(10_000);
  });

  it('near queries narrowed by the signature kinds that hit still find every holder one edit away, and nothing further', () => {
    const all = [...strings(['あ', '花', '𠮷'], 5)];
    const held = new Map(all.map((s) => [s, { sigs: new Set(nameSignatures(s)), near: new Set(holderNearKeys(s)) }]));
    for (const insured of all) {
      const queries = nameSignatureQueries(insured);
      for (const holder of all) {
        const h = held.get(holder)!;
        let hits = 0;
        queries.forEach((q, i) => {
          if (h.sigs.has(q)) hits |= i === 0 ? SIGNATURE_HIT.prefix : i === 1 ? SIGNATURE_HIT.suffix : SIGNATURE_HIT.other;
        });
        const found = nearQueryKeys(insured, hits).some((q) => h.near.has(q));
        // (the same name matches too, but the person key has found it before any near query is made)
        const expected = withinOneEdit(insured, holder);
        if (found !== expected) throw new Error(`${insured} / ${holder}: found ${found}, expected ${expected}`);
        expect(nearQueryKeys(insured).some((q) => h.near.has(q))).toBe(expected);
      }
    }
  });

  it('keeps names apart that share neither end, and two four-character names that share only first and last', () => {
    const held = new Set(nameSignatures('高橋花子'));
    expect(nameSignatureQueries('佐藤一郎').some((q) => held.has(q))).toBe(false);
    expect(nameSignatureQueries('高田和子').some((q) => held.has(q))).toBe(false);
    expect(nameSignatureQueries('高橋華子').some((q) => held.has(q))).toBe(true);
  });
});
