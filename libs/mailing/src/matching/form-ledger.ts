/**
 * Who has already been given a form in a campaign, so that a later batch does not mail them again.
 * MatchingCoreModule binds it to the waves' form ledger (LedgerFormLookup in libs/mailing/src/ledger).
 */
export abstract class FormLedgerLookup {
  /** 被保険者番号 of every person already given a form in the campaign. */
  abstract formedInsuredNumbers(campaignId: number): Promise<ReadonlySet<string>>;
}

/** "Nobody": for hosts without waves (the import-match benchmark, unit tests). */
export class EmptyFormLedger extends FormLedgerLookup {
  async formedInsuredNumbers(): Promise<ReadonlySet<string>> {
    return new Set();
  }
}
