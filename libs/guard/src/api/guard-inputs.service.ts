import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addCalendarDays, ForecastService, type ForecastWave, type IsoDate } from '@wavedesk/forecast';
import type { CapacityContext, UpcomingWave } from '../rules/capacity-check';
import type { ExpectedLoad } from '../rules/expected-load';
import type { WaveCandidate } from '../rules/waves-to-hold';
import { expectedLoadFromView } from './expected-from-view';
import { GuardRoster } from './guard-roster';

/** A wave as the guard sees it: for `wavesToHold` and the capacity rules. */
export interface GuardWave extends WaveCandidate {
  id: string;
  name: string;
  members: Array<{ code: string; targets: number }>;
}

const RELEASED = new Set(['released', 'writing', 'done']);
const UPCOMING = new Set(['planned', 'approved', 'held']);
/** Another process may have moved the plan: the expected load is read again at least this often. */
const EXPECTED_TTL_MS = 60_000;

/**
 * What the detector compares with: the forecast of the plan as it stands (held waves left out, moved waves
 * at their new dates; ForecastService), the waves still to be released, the roster and the counters.
 */
@Injectable()
export class GuardInputs {
  private expectedCache: { day: IsoDate; generation: number; at: number; load: ExpectedLoad } | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly forecast: ForecastService,
    private readonly roster: GuardRoster,
  ) {}

  /**
   * The plan's forecast per municipality and for the union from `day` over the next two weeks, as
   * ForecastService answers it (recalibrated for unmailed waves when the switch is on).
   */
  async expected(day: IsoDate): Promise<ExpectedLoad> {
    const c = this.expectedCache;
    if (c && c.day === day && c.generation === this.forecast.generation && performance.now() - c.at < EXPECTED_TTL_MS) return c.load;
    const generation = this.forecast.generation;
    const view = await this.forecast.forecast({ from: day, to: addCalendarDays(day, 14), granularity: 'day' });
    const load = expectedLoadFromView(view, this.forecast.model.parameters.channels);
    this.expectedCache = { day, generation, at: performance.now(), load };
    return load;
  }

  /** Every wave not cancelled, with its members. */
  async waves(): Promise<GuardWave[]> {
    const rows: Array<{ id: number; name: string; status: string; mailDate: string; members: string }> = await this.dataSource.query(
      "SELECT id, name, status, mailDate, members FROM waves WHERE status <> 'cancelled' ORDER BY mailDate, id",
    );
    return rows.map((r) => {
      const members = (JSON.parse(r.members) as Array<{ code: string; targets: number }>).map((m) => ({ code: m.code, targets: m.targets }));
      return { id: String(r.id), name: r.name, status: r.status, mailDate: r.mailDate, members, municipalityCodes: members.map((m) => m.code) };
    });
  }

  /** The capacity rules' view of the plan: released waves' forecast, the waves to come, roster and counters. */
  async capacityContext(): Promise<CapacityContext> {
    const planned = await this.forecast.planWaves();
    const formsOf = new Map<string, ForecastWave[]>();
    for (const w of planned) if (w.id !== undefined) formsOf.set(w.id, [...(formsOf.get(w.id) ?? []), w]);
    const waves = await this.waves();
    const released = waves.filter((w) => RELEASED.has(w.status)).flatMap((w) => formsOf.get(w.id) ?? []);
    const upcoming: UpcomingWave[] = waves
      .filter((w) => UPCOMING.has(w.status))
      .map((w) => ({
        id: w.id,
        mailDate: w.mailDate,
        // A held wave is not in the plan's forecast: its planned targets stand in for its forms.
        members: formsOf.get(w.id) ?? w.members.filter((m) => m.targets > 0).map((m) => ({ municipalityCode: m.code, mailDate: w.mailDate, forms: m.targets, id: w.id })),
      }));
    const counters: Array<{ code: string; counterCapacity: number }> = await this.dataSource.query('SELECT code, counterCapacity FROM municipalities');
    const counterOf = new Map(counters.map((c) => [c.code, Number(c.counterCapacity)]));
    return {
      model: this.forecast.model,
      releasedWaves: released,
      upcomingWaves: upcoming,
      operatorsOnDuty: (date) => this.roster.operatorsOnDuty(date),
      counterCapacity: (code) => counterOf.get(code),
    };
  }

  /** The forecast's generation: rises when this process changed the plan (a cheap "plan changed" signal). */
  get planGeneration(): number {
    return this.forecast.generation;
  }
}
