import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ForecastService, jstDate } from '@wavedesk/forecast';
import { chooseWave, MailedWaveIndex, WaveAttribution, type MailedWave, type WaveAttributionInput } from '@wavedesk/inquiries';
import type { StoredWaveMember } from '../waves/wave.entity';

/** How old the in-memory index of mailed waves may get before the next inquiry reloads it. */
export const MAILED_WAVES_RELOAD_MS = 3_000;

/**
 * Attributes inquiries to waves from the stored waves and the form ledger (bound into the inquiry desk by
 * `InquiriesModule.forRoot({ waveAttribution: LedgerWaveAttribution })`).
 *
 * Per inquiry it costs an in-memory lookup, plus one query on the index `idx_form_ledger_application`
 * only when a 申請書ID is given. The mailed waves — released, writing, done, or held or cancelled while
 * writing (its written units are with the printer) — are read at most every 3 seconds, and at once after a
 * plan change in this process (the forecast's generation), so several API processes agree within 3 seconds
 * of a release. A failed reload keeps the last index.
 */
@Injectable()
export class LedgerWaveAttribution extends WaveAttribution {
  private index: MailedWaveIndex | null = null;
  private loadedAt = 0;
  private loadedGeneration = -1;
  private loading: Promise<MailedWaveIndex> | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly forecasts: ForecastService) {
    super();
  }

  async attribute(input: WaveAttributionInput): Promise<number | null> {
    const index = await this.mailedWaves();
    if (index.size === 0) return null;
    const waveOfApplication = input.applicationId ? await this.waveOfApplication(input.applicationId) : null;
    return chooseWave(index, { municipalityCode: input.municipalityCode, receivedDate: jstDate(input.receivedAt), waveOfApplication });
  }

  private async waveOfApplication(applicationId: string): Promise<number | null> {
    const rows: Array<{ waveId: number }> = await this.dataSource.query(
      "SELECT waveId FROM form_ledger WHERE applicationId = ? AND status = 'assigned' ORDER BY id DESC LIMIT 1",
      [applicationId],
    );
    return rows.length ? Number(rows[0].waveId) : null;
  }

  private mailedWaves(): MailedWaveIndex | Promise<MailedWaveIndex> {
    const fresh = Date.now() - this.loadedAt < MAILED_WAVES_RELOAD_MS && this.loadedGeneration === this.forecasts.generation;
    if (this.index && fresh) return this.index;
    // A failed reload keeps the last index: attribution must not stop operators from logging.
    this.loading ??= this.load()
      .catch((error: unknown) => {
        if (this.index) return this.index;
        throw error;
      })
      .finally(() => (this.loading = null));
    return this.loading;
  }

  private async load(): Promise<MailedWaveIndex> {
    const generation = this.forecasts.generation;
    const rows: Array<{ id: number; mailDate: string; members: string }> = await this.dataSource.query(
      "SELECT id, mailDate, members FROM waves WHERE status IN ('released', 'writing', 'done') OR (status IN ('held', 'cancelled') AND heldFrom = 'writing')",
    );
    const waves: MailedWave[] = rows.map((w) => ({
      id: Number(w.id),
      arrivalDate: this.forecasts.model.arrivalDate(w.mailDate),
      municipalityCodes: (JSON.parse(w.members) as StoredWaveMember[]).map((m) => m.code),
    }));
    this.index = new MailedWaveIndex(waves);
    this.loadedAt = Date.now();
    this.loadedGeneration = generation;
    return this.index;
  }
}
