import { defaultMunicipalityDirectory, KeyHasher, MatchHasher, matchKeyParts, Matcher, type PersonIdentity } from '@wavedesk/matching';
import { BatchMatcher, Outcome, OUTCOME_OF } from './batch-matcher';
import { InsuredKeyMaker } from './insured-keys';
import { countOutcomes, withDecisions } from './match-counts';
import { HolderTable, PersonTable, type PersonRow } from './match-tables';

const SECRET = 'unit-test-secret-0123456789';
const directory = defaultMunicipalityDirectory();
const hasher = new MatchHasher(SECRET);
const keys = new InsuredKeyMaker(new KeyHasher(SECRET), directory);
const packed = (k: string[]): string | null => (k.length ? k.join('') : null);

const hanako: PersonIdentity = { name: '髙橋　花子', birthDate: '1940-03-02', sex: 'female', address: '北海道札幌市中央区北1条西2丁目3番4号' };
const person = (insuredNumber: string, p: PersonIdentity, lossDate: string | null = null): PersonRow => ({ insuredNumber, municipalityCode: '011002', lossDate, ...p });

function holdersOf(...list: Array<PersonIdentity | { insuredNumber: string }>): HolderTable {
  const table = new HolderTable();
  for (const h of list) {
    if ('insuredNumber' in h) {
      table.add({ insuredNumber: h.insuredNumber, exactKey: null, personKey: null, bucketKey: null, nearFilter: null, nearKeys: null });
      continue;
    }
    const k = hasher.cardHolder(matchKeyParts(h, directory));
    table.add({ insuredNumber: null, exactKey: k.exact, personKey: k.person, bucketKey: k.bucket, nearFilter: packed(k.nearFilter), nearKeys: packed(k.near) });
  }
  return table;
}

function match(rows: PersonRow[], holders: HolderTable, formed: number[] = []): { outcomes: Outcome[]; candidates: number[] } {
  const table = new PersonTable(['011002', '012025'], '2027-01-15', keys);
  rows.forEach((r) => table.add(r));
  const matcher = new BatchMatcher(table, holders, new Set(formed));
  const candidates = matcher.run();
  for (const i of candidates) matcher.resolveNear(i, hasher.nearQueryFingerprints(table.near[i]));
  return { outcomes: [...matcher.outcomes], candidates };
}

describe('InsuredKeyMaker', () => {
  it('gives the fingerprints Matcher.prepare gets from MatchHasher.insured', () => {
    const parts = matchKeyParts(hanako, directory, '011002');
    const reference = Matcher.prepare({ insuredNumber: '00012345', ...hasher.insured(parts) });
    const { prepared, near } = keys.prepare('00012345', '011002', hanako);
    for (const k of ['insuredNumber', 'exactHi', 'exactLo', 'personHi', 'personLo', 'hasBucket', 'bucketHi', 'bucketLo'] as const) expect(prepared[k]).toBe(reference[k]);
    expect(near).toEqual({ name: parts.name, bucket: parts.bucket });
  });
});

describe('BatchMatcher', () => {
  it('excludes a holder written differently, and one known by 被保険者番号', () => {
    const sato: PersonIdentity = { name: '佐藤　一郎', birthDate: '1938-05-05', sex: 'male', address: '札幌市北区北7条西1丁目1番' };
    const { outcomes } = match(
      [person('00000001', hanako), person('00000002', sato), person('00000003', { ...sato, name: '鈴木　次郎' })],
      holdersOf({ ...hanako, name: '高橋 花子', address: '札幌市中央区北一条西二丁目３－４' }, { insuredNumber: '00000002' }),
    );
    expect(outcomes).toEqual([Outcome.HolderExact, Outcome.HolderByNumber, Outcome.Target]);
  });

  it('sends the same person at another address, and a one-letter typo no one else explains, to review', () => {
    const { outcomes } = match(
      [person('00000001', hanako), person('00000002', { ...hanako, name: '山田　春子' })],
      holdersOf({ ...hanako, address: '札幌市南区真駒内1-1' }, { ...hanako, name: '山田　春予', address: '札幌市中央区南1条西1丁目' }),
    );
    expect(outcomes).toEqual([Outcome.ReviewAddress, Outcome.ReviewName]);
  });

  it('does not doubt a different person because of a holder already matched to someone else', () => {
    // 高橋花子 holds a card and is on the list; 高橋華子 (same day, sex, town) is someone else.
    const { outcomes, candidates } = match([person('00000001', hanako), person('00000002', { ...hanako, name: '髙橋　華子' })], holdersOf(hanako));
    expect(outcomes).toEqual([Outcome.HolderExact, Outcome.Target]);
    expect(candidates).toEqual([]);
  });

  it('puts loss of qualification first and leaves out those already given a form', () => {
    const other: PersonIdentity = { ...hanako, name: '小樽　ミツ', birthDate: '1935-01-01' };
    const { outcomes } = match(
      [person('00000001', hanako, '2027-01-15'), person('00000002', other, '2027-01-16'), person('00000003', { ...other, name: '小樽　トメ' })],
      holdersOf(hanako),
      [3],
    );
    expect(outcomes).toEqual([Outcome.Disqualified, Outcome.Target, Outcome.AlreadyFormed]);
  });

  it('counts per municipality, with review decisions applied when read', () => {
    const table = new PersonTable(['011002', '012025'], '2027-01-15', keys);
    table.add(person('00000001', hanako));
    table.add({ ...person('00000002', { ...hanako, name: '函館　太郎', address: '函館市五稜郭町1-1' }), municipalityCode: '012025' });
    const outcomes = new Uint8Array([Outcome.ReviewName, Outcome.Target]);
    const counts = countOutcomes(table, outcomes);
    expect(counts['011002']).toMatchObject({ insured: 1, review: 1, target: 0 });
    expect(withDecisions(counts['011002'], 0, 1)).toMatchObject({ review: 0, reviewKept: 1, targets: 1 });
    expect(OUTCOME_OF[Outcome.ReviewName]).toEqual({ outcome: 'review', reason: 'name_one_edit' });
  });
});
