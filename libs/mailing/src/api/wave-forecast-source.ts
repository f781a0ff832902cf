import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WaveSource, type ForecastWave } from '@wavedesk/forecast';
import { waveMembers } from '../waves/wave-transitions.service';
import type { Wave } from '../waves/wave.entity';

/** The statuses that count in the forecast: everything that will be or was mailed (not held, not cancelled). */
export const FORECAST_STATUSES = ['planned', 'approved', 'released', 'writing', 'done'] as const;

/**
 * The plan's waves for the forecast, one entry per wave member (municipality). Before approval the
 * planned targets; from approval on the ledger's forms (persons withdrawn by re-matching drop out).
 */
@Injectable()
export class WaveForecastSource extends WaveSource {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async forecastWaves(options: { excludeBatchId?: number } = {}): Promise<ForecastWave[]> {
    const list = FORECAST_STATUSES.map((s) => `'${s}'`).join(', ');
    const waves: Array<Pick<Wave, 'id' | 'batchId' | 'mailDate' | 'status' | 'members'>> = await this.dataSource.query(
      `SELECT id, batchId, mailDate, status, members FROM waves WHERE status IN (${list}) ORDER BY mailDate, id`,
    );
    const ledger: Array<{ waveId: number; municipalityCode: string; n: number | string }> = await this.dataSource.query(
      `SELECT l.waveId, l.municipalityCode, COUNT(*) AS n FROM form_ledger l JOIN waves w ON w.id = l.waveId
        WHERE l.status = 'assigned' AND w.status IN (${list}) AND w.status <> 'planned' GROUP BY l.waveId, l.municipalityCode`,
    );
    const counted = new Map(ledger.map((r) => [`${r.waveId}/${r.municipalityCode}`, Number(r.n)]));
    const out: ForecastWave[] = [];
    for (const w of waves) {
      if (options.excludeBatchId !== undefined && Number(w.batchId) === options.excludeBatchId) continue;
      for (const m of waveMembers(w)) {
        const forms = w.status === 'planned' ? m.targets : (counted.get(`${w.id}/${m.code}`) ?? 0);
        if (forms > 0) out.push({ municipalityCode: m.code, mailDate: w.mailDate, forms, id: String(w.id) });
      }
    }
    return out;
  }
}
