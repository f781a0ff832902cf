import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThanOrEqual } from 'typeorm';
import { AuditService } from '@wavedesk/audit';
import { badRequest, Clock } from '@wavedesk/common';
import { LIVE_EVENTS, UNION_ROOM, type AuthUser, type RosterOverride, type RosterRange, type RosterView } from '@wavedesk/contracts';
import { LivePublisher } from '@wavedesk/live';
import { addCalendarDays, jstDate, tryDayNumber, type IsoDate } from '../business-calendar';
import { checkRosterChange, checkRosterDay, DEFAULT_OPERATORS, ROSTER_MAX_DAYS, rosterDays, type StoredRoster } from '../roster';
import { ForecastService } from './forecast.service';
import { RosterOverrideRow, RosterSetting } from './roster.entities';

const SETTING_ID = 1;

/**
 * The operator roster (在席オペレーター) in the database: read by the dashboard and the load guard, changed by
 * supervisors. Every change is one transaction, audited with before and after, pushed as `roster:update`,
 * and told to the listeners of this process (the guard re-checks capacity at once).
 */
@Injectable()
export class RosterService {
  private readonly listeners = new Set<() => Promise<void> | void>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly forecast: ForecastService,
    private readonly audit: AuditService,
    private readonly live: LivePublisher,
    private readonly clock: Clock,
  ) {}

  private get calendar() {
    return this.forecast.model.calendar;
  }

  private today(): IsoDate {
    return jstDate(this.clock.now());
  }

  /**
   * Called after every change made through this process, awaited before the change answers (the load
   * guard re-checks capacity, so a hold it decides is in place by then); returns the unsubscribe.
   */
  onChange(listener: () => Promise<void> | void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Default and every override (past ones included), as the guard caches it. */
  async stored(): Promise<StoredRoster> {
    const setting = await this.dataSource.getRepository(RosterSetting).findOneBy({ id: SETTING_ID });
    const rows = await this.dataSource.getRepository(RosterOverrideRow).find();
    return { defaultOperators: setting?.defaultOperators ?? DEFAULT_OPERATORS, overrides: new Map(rows.map((r) => [r.date, { operators: r.operators, note: r.note }])) };
  }

  /** The default and the overrides from today on. */
  async view(): Promise<RosterView> {
    const setting = await this.dataSource.getRepository(RosterSetting).findOneBy({ id: SETTING_ID });
    const rows = await this.dataSource.getRepository(RosterOverrideRow).find({ where: { date: MoreThanOrEqual(this.today()) }, order: { date: 'ASC' } });
    return {
      defaultOperators: setting?.defaultOperators ?? DEFAULT_OPERATORS,
      overrides: rows.map((r) => ({ date: r.date, operators: r.operators, note: r.note })),
      updatedBy: setting?.updatedBy ?? null,
      updatedAt: setting ? new Date(setting.updatedAt).toISOString() : null,
    };
  }

  /** `GET /api/roster?from&to`: the effective number per date (default today … 4 weeks ahead). */
  async range(from?: string, to?: string): Promise<RosterRange> {
    const start = from ?? this.today();
    const end = to ?? addCalendarDays(start, 27);
    const errors = [];
    if (tryDayNumber(start) === undefined) errors.push({ field: 'from', code: 'invalid_date', message: '開始日は実在する日を YYYY-MM-DD で指定してください。' });
    if (tryDayNumber(end) === undefined) errors.push({ field: 'to', code: 'invalid_date', message: '終了日は実在する日を YYYY-MM-DD で指定してください。' });
    if (errors.length === 0 && end < start) errors.push({ field: 'to', code: 'before_from', message: '終了日は開始日以降の日付で指定してください。' });
    if (errors.length === 0 && end > addCalendarDays(start, ROSTER_MAX_DAYS - 1)) errors.push({ field: 'to', code: 'too_long', message: `期間は${ROSTER_MAX_DAYS}日以内で指定してください。` });
    if (errors.length === 0 && (start < '2000-01-01' || end > '2050-12-31')) errors.push({ field: 'from', code: 'out_of_calendar', message: '期間は2000年から2050年の間で指定してください。' });
    if (errors.length > 0) throw badRequest('invalid_roster_range', '期間の指定に誤りがあります。', errors);
    const [stored, view] = await Promise.all([this.stored(), this.view()]);
    return { ...view, days: rosterDays(stored, start, end, this.calendar) };
  }

  /** `PUT /api/roster`: a new default and/or the whole list of overrides from today on. */
  async save(body: unknown, actor: AuthUser, clientAddress?: string): Promise<RosterView> {
    const today = this.today();
    const change = checkRosterChange(body, today, this.calendar);
    return this.apply(actor, clientAddress, 'roster', async (manager, now) => {
      if (change.defaultOperators !== undefined) {
        await manager.getRepository(RosterSetting).upsert({ id: SETTING_ID, defaultOperators: change.defaultOperators, updatedBy: actor.username, updatedAt: now }, ['id']);
      }
      if (change.overrides) {
        await manager.getRepository(RosterOverrideRow).delete({ date: MoreThanOrEqual(today) });
        if (change.overrides.length > 0) await manager.getRepository(RosterOverrideRow).insert(change.overrides.map((o) => ({ ...o, updatedBy: actor.username, updatedAt: now })));
      }
    });
  }

  /** `PUT /api/roster/:date`: the operators on one date. */
  async saveDay(date: string, body: unknown, actor: AuthUser, clientAddress?: string): Promise<RosterView> {
    const o: RosterOverride = checkRosterDay(date, body, this.today(), this.calendar);
    return this.apply(actor, clientAddress, `roster:${date}`, async (manager, now) => {
      await manager.getRepository(RosterOverrideRow).upsert({ ...o, updatedBy: actor.username, updatedAt: now }, ['date']);
    });
  }

  /** `DELETE /api/roster/:date`: the date goes back to the default. */
  async clearDay(date: string, actor: AuthUser, clientAddress?: string): Promise<RosterView> {
    if (tryDayNumber(date) === undefined) throw badRequest('invalid_roster', '日付は実在する日を YYYY-MM-DD で指定してください。', [{ field: 'date', code: 'invalid_date', message: '日付は実在する日を YYYY-MM-DD で指定してください。' }]);
    return this.apply(actor, clientAddress, `roster:${date}`, async (manager) => {
      await manager.getRepository(RosterOverrideRow).delete({ date });
    });
  }

  private async apply(
    actor: AuthUser,
    clientAddress: string | undefined,
    target: string,
    write: (manager: DataSource['manager'], now: Date) => Promise<void>,
  ): Promise<RosterView> {
    const before = await this.view();
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      await write(manager, now);
      // The setting row carries who changed the roster last, whatever changed.
      const setting = await manager.getRepository(RosterSetting).findOneBy({ id: SETTING_ID });
      await manager.getRepository(RosterSetting).upsert({ id: SETTING_ID, defaultOperators: setting?.defaultOperators ?? before.defaultOperators, updatedBy: actor.username, updatedAt: now }, ['id']);
    });
    const after = await this.view();
    await this.audit.record({
      actor, action: 'roster.update', target, clientAddress,
      detail: { before: { defaultOperators: before.defaultOperators, overrides: before.overrides }, after: { defaultOperators: after.defaultOperators, overrides: after.overrides } },
    });
    this.live.emit(UNION_ROOM, LIVE_EVENTS.rosterUpdate, after);
    // A listener that fails (the guard's check) does not undo the stored roster; it logs on its own.
    await Promise.allSettled([...this.listeners].map(async (listener) => listener()));
    return after;
  }
}
