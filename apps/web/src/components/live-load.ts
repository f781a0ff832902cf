import type { HourLoad, InquiryRecord, LoadFigures, LoadReport, MunicipalityLoad } from '../api';

/**
 * Live load figures on a page: the last `GET /api/load` or `load:update` snapshot, plus the inquiries pushed
 * (`inquiry:logged`) since that snapshot was counted.
 *
 * `inquiry:logged` arrives at once; `load:update` is coalesced (at most two a second) and counted in the
 * database. Adding each pushed inquiry on top of the snapshot makes the figures move the moment an inquiry is
 * stored; the next snapshot then takes over for every inquiry logged before it was generated, so nothing is
 * counted twice for long and the database always has the last word. The `union` room's snapshots carry no
 * hours per municipality: those come from the last report that had them plus every inquiry pushed since.
 */
export interface LiveLoadState {
  /** The latest snapshot: its day and this-hour figures are the database's. */
  base: LoadReport;
  /** Inquiries pushed that the snapshot had not counted yet (logged after it was generated). */
  pending: PendingInquiry[];
  /**
   * Hours per municipality: the last report that carried them (GET /api/load, or a municipality room's
   * snapshot), plus every inquiry pushed after it. Kept apart from `pending`, because the union's snapshots
   * count an inquiry for the day without telling its hour.
   */
  hours: Record<string, MunicipalityHours>;
}

interface MunicipalityHours {
  baseline: HourLoad[];
  /** when the baseline was counted (epoch ms) */
  since: number;
  added: PendingInquiry[];
}

export interface PendingInquiry {
  id: number;
  municipalityCode: string;
  /** JST hour of `receivedAt` */
  hour: number;
  loggedAt: number;
}

const JST_OFFSET_MS = 9 * 3_600_000;

/** The JST day (YYYY-MM-DD) and hour of an instant. Japan has no daylight saving time. */
export function jstDayAndHour(instant: string | number | Date): { date: string; hour: number } {
  const shifted = new Date(new Date(instant).getTime() + JST_OFFSET_MS);
  return { date: shifted.toISOString().slice(0, 10), hour: shifted.getUTCHours() };
}

export const figures = (actual: number, forecast: number): LoadFigures => ({ actual, forecast, ratio: forecast > 0 ? actual / forecast : null });

const zeroHours = (): HourLoad[] => Array.from({ length: 24 }, (_, hour) => ({ hour, actual: 0, forecast: 0 }));

function hoursOf(report: LoadReport, since: number, previous: Record<string, MunicipalityHours> = {}): Record<string, MunicipalityHours> {
  const next: Record<string, MunicipalityHours> = { ...previous };
  for (const m of report.municipalities) {
    if (m.hours) next[m.municipalityCode] = { baseline: m.hours, since, added: (previous[m.municipalityCode]?.added ?? []).filter((p) => p.loggedAt > since) };
  }
  return next;
}

export function initialLiveLoad(report: LoadReport): LiveLoadState {
  return { base: report, pending: [], hours: hoursOf(report, Date.parse(report.generatedAt)) };
}

/** An inquiry pushed live. Ignored when it belongs to another day or another scope, or is already counted. */
export function addInquiry(state: LiveLoadState, record: Pick<InquiryRecord, 'id' | 'municipalityCode' | 'receivedAt' | 'loggedAt'>): LiveLoadState {
  const { date, hour } = jstDayAndHour(record.receivedAt);
  const loggedAt = Date.parse(record.loggedAt);
  const code = record.municipalityCode;
  if (date !== state.base.date) return state;
  if (!state.base.municipalities.some((m) => m.municipalityCode === code)) return state;
  const item: PendingInquiry = { id: record.id, municipalityCode: code, hour, loggedAt };
  const forDay = loggedAt > Date.parse(state.base.generatedAt) && !state.pending.some((p) => p.id === record.id);
  const own = state.hours[code];
  const forHours = own !== undefined && loggedAt > own.since && !own.added.some((p) => p.id === record.id);
  if (!forDay && !forHours) return state;
  return {
    base: state.base,
    pending: forDay ? [...state.pending, item] : state.pending,
    hours: forHours ? { ...state.hours, [code]: { ...own, added: [...own.added, item] } } : state.hours,
  };
}

/**
 * A `load:update` snapshot of the same day. An older snapshot than the one held is ignored; the caller
 * reloads `GET /api/load` when the day changed (`snapshot.date !== state.base.date`).
 */
export function applySnapshot(state: LiveLoadState, snapshot: LoadReport): LiveLoadState {
  if (snapshot.date !== state.base.date) return state;
  const generatedAt = Date.parse(snapshot.generatedAt);
  if (generatedAt < Date.parse(state.base.generatedAt)) return state;
  const byCode = new Map(snapshot.municipalities.map((m) => [m.municipalityCode, m]));
  const hours = hoursOf(snapshot, generatedAt, state.hours);
  const municipalities: MunicipalityLoad[] = state.base.municipalities.map((old) => {
    const fresh = byCode.get(old.municipalityCode);
    if (fresh) return fresh;
    // Missing from the union's snapshot: nothing logged and nothing forecast today.
    hours[old.municipalityCode] = { baseline: zeroHours(), since: generatedAt, added: (hours[old.municipalityCode]?.added ?? []).filter((p) => p.loggedAt > generatedAt) };
    return { municipalityCode: old.municipalityCode, day: figures(0, 0), thisHour: snapshot.hour === null ? null : figures(0, 0) };
  });
  return {
    base: { ...snapshot, municipalities },
    pending: state.pending.filter((p) => p.loggedAt > generatedAt),
    hours,
  };
}

const countIn = (items: readonly PendingInquiry[], hour: number | null) => items.filter((p) => p.hour === hour).length;

function plusHours(hours: readonly HourLoad[], items: readonly PendingInquiry[]): HourLoad[] {
  if (items.length === 0) return hours as HourLoad[];
  return hours.map((h) => {
    const n = countIn(items, h.hour);
    return n ? { ...h, actual: h.actual + n } : h;
  });
}

/** The figures to show: the snapshot with the pushed inquiries added, and each municipality's hours. */
export function liveLoadView(state: LiveLoadState): LoadReport {
  const { base, pending } = state;
  const perCode = new Map<string, PendingInquiry[]>();
  for (const p of pending) perCode.set(p.municipalityCode, [...(perCode.get(p.municipalityCode) ?? []), p]);
  const bump = (day: LoadFigures, thisHour: LoadFigures | null, items: readonly PendingInquiry[]) => ({
    day: items.length ? figures(day.actual + items.length, day.forecast) : day,
    thisHour: thisHour && countIn(items, base.hour) ? figures(thisHour.actual + countIn(items, base.hour), thisHour.forecast) : thisHour,
  });
  const total = bump(base.total.day, base.total.thisHour, pending);
  return {
    ...base,
    total: { ...total, hours: plusHours(base.total.hours, pending) },
    municipalities: base.municipalities.map((m) => {
      const items = perCode.get(m.municipalityCode) ?? [];
      const own = state.hours[m.municipalityCode];
      const hours = own ? plusHours(own.baseline, own.added) : undefined;
      if (items.length === 0 && hours === m.hours) return m;
      return { ...m, ...bump(m.day, m.thisHour, items), ...(hours ? { hours } : {}) };
    }),
  };
}

/**
 * The forecast up to a moment of the day: the hours before `hour` and the elapsed share of `hour` itself.
 * `hour` null (a past day): the whole day's forecast.
 */
export function forecastSoFar(hours: readonly HourLoad[], hour: number | null, fractionOfHour: number): number {
  if (hour === null) return hours.reduce((s, h) => s + h.forecast, 0);
  return hours.reduce((s, h) => s + (h.hour < hour ? h.forecast : h.hour === hour ? h.forecast * fractionOfHour : 0), 0);
}

/**
 * The share of the day's forecast that falls before now, from the union's hourly forecast. Every
 * municipality's day is spread over the hours by the same intraday profile, so a municipality's forecast so
 * far is its day's forecast times this share. 1 for a past day; 0 when nothing is forecast.
 */
export function elapsedForecastShare(total: LoadReport['total'], hour: number | null, fractionOfHour: number): number {
  const day = total.hours.reduce((s, h) => s + h.forecast, 0);
  if (hour === null) return 1;
  if (day <= 0) return 0;
  return forecastSoFar(total.hours, hour, fractionOfHour) / day;
}
