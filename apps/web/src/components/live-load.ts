import type { HourLoad, InquiryRecord, LoadFigures, LoadReport, MunicipalityLoad } from '../api';

/**
 * Live load figures on a page: the last `GET /api/load` or `load:update` snapshot, plus the inquiries pushed
 * (`inquiry:logged`) since that snapshot was counted.
 *
 * `inquiry:logged` arrives at once; `load:update` is coalesced (at most two a second) and counted in the
 * database. Adding each pushed inquiry on top of the snapshot makes the figures move the moment an inquiry is
 * stored; the next snapshot then takes over for every inquiry logged before it was generated, so nothing is
 * counted twice for long and the database always has the last word. The `union` room's snapshots carry no
 * hours per municipality: those are carried over from the previous state with the pushed inquiries added.
 */
export interface LiveLoadState {
  base: LoadReport;
  pending: PendingInquiry[];
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

export function initialLiveLoad(report: LoadReport): LiveLoadState {
  return { base: report, pending: [] };
}

/** An inquiry pushed live. Ignored when it belongs to another day or is already counted in the snapshot. */
export function addInquiry(state: LiveLoadState, record: Pick<InquiryRecord, 'id' | 'municipalityCode' | 'receivedAt' | 'loggedAt'>): LiveLoadState {
  const { date, hour } = jstDayAndHour(record.receivedAt);
  const loggedAt = Date.parse(record.loggedAt);
  if (date !== state.base.date) return state;
  if (loggedAt <= Date.parse(state.base.generatedAt)) return state;
  if (state.pending.some((p) => p.id === record.id)) return state;
  if (!state.base.municipalities.some((m) => m.municipalityCode === record.municipalityCode)) return state;
  return { ...state, pending: [...state.pending, { id: record.id, municipalityCode: record.municipalityCode, hour, loggedAt }] };
}

/**
 * A `load:update` snapshot of the same day. An older snapshot than the one held is ignored; the caller
 * reloads `GET /api/load` when the day changed (`snapshot.date !== state.base.date`).
 */
export function applySnapshot(state: LiveLoadState, snapshot: LoadReport): LiveLoadState {
  if (snapshot.date !== state.base.date) return state;
  const generatedAt = Date.parse(snapshot.generatedAt);
  if (generatedAt < Date.parse(state.base.generatedAt)) return state;
  const counted = state.pending.filter((p) => p.loggedAt <= generatedAt);
  const previous = withPending(state.base, counted);
  const byCode = new Map(snapshot.municipalities.map((m) => [m.municipalityCode, m]));
  const municipalities: MunicipalityLoad[] = previous.municipalities.map((old) => {
    const fresh = byCode.get(old.municipalityCode);
    // Missing from the union's snapshot: nothing logged and nothing forecast today.
    if (!fresh) return { municipalityCode: old.municipalityCode, day: figures(0, 0), thisHour: snapshot.hour === null ? null : figures(0, 0), hours: zeroHours() };
    return { ...fresh, hours: fresh.hours ?? old.hours };
  });
  return {
    base: { ...snapshot, municipalities },
    pending: state.pending.filter((p) => p.loggedAt > generatedAt),
  };
}

/** The figures to show: the snapshot with the pushed inquiries added. */
export function liveLoadView(state: LiveLoadState): LoadReport {
  return withPending(state.base, state.pending);
}

function withPending(report: LoadReport, pending: readonly PendingInquiry[]): LoadReport {
  if (pending.length === 0) return report;
  const perCode = new Map<string, PendingInquiry[]>();
  for (const p of pending) perCode.set(p.municipalityCode, [...(perCode.get(p.municipalityCode) ?? []), p]);
  const bump = (day: LoadFigures, thisHour: LoadFigures | null, hours: HourLoad[] | undefined, items: PendingInquiry[]) => {
    const inThisHour = items.filter((p) => p.hour === report.hour).length;
    return {
      day: figures(day.actual + items.length, day.forecast),
      thisHour: thisHour ? figures(thisHour.actual + inThisHour, thisHour.forecast) : thisHour,
      hours: hours?.map((h) => {
        const n = items.filter((p) => p.hour === h.hour).length;
        return n ? { ...h, actual: h.actual + n } : h;
      }),
    };
  };
  const total = bump(report.total.day, report.total.thisHour, report.total.hours, [...pending]);
  return {
    ...report,
    total: { day: total.day, thisHour: total.thisHour, hours: total.hours ?? report.total.hours },
    municipalities: report.municipalities.map((m) => {
      const items = perCode.get(m.municipalityCode);
      if (!items) return m;
      const next = bump(m.day, m.thisHour, m.hours, items);
      return { ...m, day: next.day, thisHour: next.thisHour, ...(m.hours ? { hours: next.hours } : {}) };
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
