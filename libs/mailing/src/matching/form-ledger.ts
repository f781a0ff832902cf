/**
 * Who has already been given a form in a campaign, so that a later batch does not mail them again.
 *
 * There is no form ledger yet: the waves/release work records which forms were handed to the print
 * contractor and will provide the real lookup (bind FormLedgerLookup to it in MatchingCoreModule's
 * host). Until then EmptyFormLedger answers "nobody", which is right for a campaign's first batch and
 * for any campaign before its first release.
 */
export abstract class FormLedgerLookup {
  /** 被保険者番号 of every person already given a form in the campaign. */
  abstract formedInsuredNumbers(campaignId: number): Promise<ReadonlySet<string>>;
}

export class EmptyFormLedger extends FormLedgerLookup {
  async formedInsuredNumbers(): Promise<ReadonlySet<string>> {
    return new Set();
  }
}
