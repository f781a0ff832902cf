import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FormLedgerLookup } from '../matching/form-ledger';

const PAGE = 50_000;

/**
 * "Already given a form in this campaign", from the form ledger: every person assigned to a wave of the
 * campaign (approved or later). Persons withdrawn by re-matching were never given one and may be matched again.
 */
@Injectable()
export class LedgerFormLookup extends FormLedgerLookup {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async formedInsuredNumbers(campaignId: number): Promise<ReadonlySet<string>> {
    const out = new Set<string>();
    let last = 0;
    for (;;) {
      const rows: Array<{ id: number; insuredNumber: string }> = await this.dataSource.query(
        `SELECT id, insuredNumber FROM form_ledger WHERE campaignId = ? AND status = 'assigned' AND id > ? ORDER BY id LIMIT ${PAGE}`,
        [campaignId, last],
      );
      for (const r of rows) out.add(r.insuredNumber);
      if (rows.length < PAGE) return out;
      last = Number(rows[rows.length - 1].id);
    }
  }
}
