import type { MatchCounts } from '@wavedesk/contracts';
import { Outcome } from './batch-matcher';
import type { PersonTable } from './match-tables';

/** What a match run stores per municipality (before reviews are settled). */
export interface StoredCounts {
  insured: number;
  disqualified: number;
  cardHolders: number;
  /** Of cardHolders: by the list's 被保険者番号. */
  cardHoldersByInsuredNumber: number;
  alreadyFormed: number;
  /** Every person sent to review by this run. */
  review: number;
  /** Targets as matched (reviews settled as kept are added when read). */
  target: number;
}

export const emptyStoredCounts = (): StoredCounts => ({ insured: 0, disqualified: 0, cardHolders: 0, cardHoldersByInsuredNumber: 0, alreadyFormed: 0, review: 0, target: 0 });

/** Counts per municipality code (every municipality of the batch, even with nobody). */
export function countOutcomes(table: PersonTable, outcomes: Uint8Array): Record<string, StoredCounts> {
  const per = table.codes.map(emptyStoredCounts);
  for (let i = 0; i < outcomes.length; i++) {
    const c = per[table.municipality[i]];
    c.insured++;
    switch (outcomes[i] as Outcome) {
      case Outcome.Target: c.target++; break;
      case Outcome.HolderByNumber: c.cardHolders++; c.cardHoldersByInsuredNumber++; break;
      case Outcome.HolderExact: c.cardHolders++; break;
      case Outcome.AlreadyFormed: c.alreadyFormed++; break;
      case Outcome.Disqualified: c.disqualified++; break;
      default: c.review++;
    }
  }
  return Object.fromEntries(table.codes.map((code, i) => [code, per[i]]));
}

/** Stored counts with the review decisions made since: settled as excluded, settled as kept (then mailed). */
export function withDecisions(stored: StoredCounts, excluded: number, kept: number): MatchCounts {
  return {
    insured: stored.insured,
    disqualified: stored.disqualified,
    cardHolders: stored.cardHolders,
    // Runs stored before this count existed read as 0.
    cardHoldersByInsuredNumber: stored.cardHoldersByInsuredNumber ?? 0,
    alreadyFormed: stored.alreadyFormed,
    review: stored.review - excluded - kept,
    reviewExcluded: excluded,
    reviewKept: kept,
    targets: stored.target + kept,
  };
}

export function addCounts(a: MatchCounts, b: MatchCounts): MatchCounts {
  const out = zeroCounts();
  for (const k of Object.keys(out) as Array<keyof MatchCounts>) out[k] = a[k] + b[k];
  return out;
}

export const zeroCounts = (): MatchCounts => ({ insured: 0, disqualified: 0, cardHolders: 0, cardHoldersByInsuredNumber: 0, alreadyFormed: 0, review: 0, reviewExcluded: 0, reviewKept: 0, targets: 0 });
