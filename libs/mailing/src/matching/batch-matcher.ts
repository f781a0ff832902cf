import { CardHolderIndex, HashSet64, Matcher, OUTCOMES, type NearQueries } from '@wavedesk/matching';
import type { MatchOutcomeKind } from './db/batch-match-result.entity';
import type { HolderTable, PersonTable } from './match-tables';

/** A person's outcome, one byte each (see OUTCOME_OF). */
export enum Outcome {
  Target = 0,
  HolderByNumber = 1,
  HolderExact = 2,
  AlreadyFormed = 3,
  Disqualified = 4,
  ReviewAddress = 5,
  ReviewName = 6,
}

/** How each outcome is stored: batch_match_results.outcome and .reason. */
export const OUTCOME_OF: ReadonlyArray<{ outcome: MatchOutcomeKind; reason: string | null }> = [
  { outcome: 'target', reason: null },
  { outcome: 'excluded_holder', reason: 'insured_number' },
  { outcome: 'excluded_holder', reason: 'exact' },
  { outcome: 'excluded_already_formed', reason: 'formed' },
  { outcome: 'disqualified', reason: 'loss_date' },
  { outcome: 'review', reason: 'address_differs' },
  { outcome: 'review', reason: 'name_one_edit' },
];

// Read once: a namespace re-export is a getter, too slow for a loop over a million persons.
const { byInsuredNumber: BY_NUMBER, exact: EXACT, addressDiffers: ADDRESS_DIFFERS, nameOneEdit: NAME_ONE_EDIT } = OUTCOMES;

/**
 * Matches a batch's insured persons against the card holders known on its match date, in two passes
 * over fingerprints held in memory (no database work, no allocation per person):
 *
 * 1. every person against the holders' 被保険者番号, exact keys and person keys (@wavedesk/matching's
 *    Matcher rules 1–3). Holders found this way are "taken": they are someone's card.
 * 2. the persons still targets against the near keys of the holders nobody took (rule 4: same birth
 *    date, sex and municipality, names one edit apart → review). A holder already matched exactly to
 *    one person is not a reason to doubt a different person whose name is one letter away. Persons
 *    whose bucket holds such a holder are returned by run(): their near queries need their names, which
 *    the caller reads and hashes (`resolveNear`) — usually a few hundred persons.
 *
 * Outcome order: lost qualification on or before the match date → disqualified; a holder → excluded;
 * already given a form in this campaign → excluded; a possible holder → review; else target.
 */
export class BatchMatcher {
  readonly outcomes: Uint8Array;
  private secondPass: Matcher | null = null;

  constructor(
    private readonly persons: PersonTable,
    private readonly holders: HolderTable,
    private readonly formed: ReadonlySet<number>,
  ) {
    this.outcomes = new Uint8Array(persons.size);
  }

  /** Both passes; returns the persons that need near queries. */
  run(): number[] {
    const { persons: table, holders } = this;
    const people = table.persons;
    const n = people.length;

    // Sized small: the exact and person sets grow to the holders, the near sets of this pass stay empty.
    const first = new CardHolderIndex(1024);
    for (const number of holders.numbers) first.add({ insuredNumber: String(number) });
    const k = holders.keys.data;
    for (let h = 0; h < holders.keyed; h++) {
      first.exact.addFingerprint(k[h * 6], k[h * 6 + 1]);
      first.person.addFingerprint(k[h * 6 + 2], k[h * 6 + 3]);
    }
    const matcher = new Matcher(first);
    const takenExact = new HashSet64(1024);
    const takenPerson = new HashSet64(1024);
    const out = this.outcomes;
    const lost = table.lost;
    const formed = this.formed;
    for (let i = 0; i < n; i++) {
      const p = people[i];
      const o = matcher.matchPrepared(p);
      let outcome: Outcome;
      if (o === BY_NUMBER) outcome = Outcome.HolderByNumber;
      else if (o === EXACT) {
        takenExact.addFingerprint(p.exactHi, p.exactLo);
        outcome = Outcome.HolderExact;
      } else if (o === ADDRESS_DIFFERS) {
        takenPerson.addFingerprint(p.personHi, p.personLo);
        outcome = Outcome.ReviewAddress;
      } else outcome = Outcome.Target;
      if (lost[i] === 1) outcome = Outcome.Disqualified;
      else if (outcome !== Outcome.HolderByNumber && outcome !== Outcome.HolderExact && formed.size > 0 && formed.has(p.insuredNumber)) outcome = Outcome.AlreadyFormed;
      out[i] = outcome;
    }

    // Pass 2: only holders nobody took keep their near keys.
    const second = new CardHolderIndex(1024);
    const pool = holders.pool.data;
    let left = 0;
    for (let h = 0; h < holders.keyed; h++) {
      if (!holders.hasBucket[h]) continue;
      if (takenExact.hasFingerprint(k[h * 6], k[h * 6 + 1]) || takenPerson.hasFingerprint(k[h * 6 + 2], k[h * 6 + 3])) continue;
      left++;
      second.buckets.addFingerprint(k[h * 6 + 4], k[h * 6 + 5]);
      let at = holders.poolStart.data[h];
      for (let f = 0; f < holders.filterCount[h]; f++, at += 2) second.nearFilter.addFingerprint(pool[at], pool[at + 1]);
      for (let q = 0; q < holders.nearCount[h]; q++, at += 2) second.near.addFingerprint(pool[at], pool[at + 1]);
    }
    const candidates: number[] = [];
    if (left === 0) return candidates;
    this.secondPass = new Matcher(second);
    // Only the bucket decides who is a candidate: its near queries (computed by the caller) decide the rest.
    const buckets = second.buckets;
    for (let i = 0; i < n; i++) {
      if (out[i] !== Outcome.Target) continue;
      const p = people[i];
      if (p.hasBucket && buckets.hasFingerprint(p.bucketHi, p.bucketLo)) candidates.push(i);
    }
    return candidates;
  }

  /** Settles a near candidate with its near queries (MatchHasher.nearQueryFingerprints of PersonTable.near[i]). */
  resolveNear(i: number, queries: NearQueries): void {
    if (!this.secondPass) return;
    const p = this.persons.persons[i];
    p.near = queries;
    if (this.secondPass.matchPrepared(p) === NAME_ONE_EDIT) this.outcomes[i] = Outcome.ReviewName;
    p.near = undefined;
  }
}
