import type { ApiError } from '../../api';
import { formatDate, formatNumber } from '../../format';

/*
 * Pure helpers of the 発送 page: reading what people type (614,058 / ６１４０５８ / 26.8%), and writing
 * dates, progress and plan problems as a municipal worker reads them.
 */

/** A calendar day (YYYY-MM-DD) as "2027年2月15日(月)". */
export function dayLabel(isoDate: string): string {
  return formatDate(`${isoDate}T12:00:00+09:00`);
}

/** A calendar day as the chart's short axis label, "2/15(月)". */
export function shortDayLabel(isoDate: string): string {
  const full = dayLabel(isoDate);
  const m = /^\d+年(\d+)月(\d+)日(\(.\))$/.exec(full);
  return m ? `${m[1]}/${m[2]}${m[3]}` : isoDate;
}

/** A whole count as people type it: "614,058", "６１４，０５８", " 614058 " → 614058; anything else → null. */
export function parseCount(text: string): number | null {
  const t = text.normalize('NFKC').replace(/[,\s]/g, '');
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : null;
}

/** A share in percent as people type it: "26.8", "２６．８％" → 0.268; outside (0, 100) or not a number → null. */
export function parsePercent(text: string): number | null {
  const t = text.normalize('NFKC').replace(/[%\s]/g, '');
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  const n = Number(t);
  return n > 0 && n < 100 ? Math.round(n * 1e6) / 1e8 : null;
}

/** 0–100, whole. */
export function percent(value: number | null | undefined): number {
  if (value === null || value === undefined || !Number.isFinite(value)) return 0;
  return Math.max(0, Math.min(100, Math.round(value)));
}

/** A wave's release progress as a percentage of its units written (0 while it has no units). */
export function waveProgressPercent(progress: { written: number; total: number } | null | undefined): number {
  if (!progress || progress.total <= 0) return 0;
  return percent((progress.written / progress.total) * 100);
}

/** Whether an import or matching is still going (its progress will still move). */
export function isRunning(status: string | null | undefined): boolean {
  return status === 'queued' || status === 'running';
}

/** File sizes as people read them: 1.2 MB, 850 KB. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/** The API has no such route yet (an unknown path answers 404 `not_found`; a missing record has its own code). */
export function isUnsupported(error: ApiError | null | undefined): boolean {
  return !!error && error.statusCode === 404 && error.code === 'not_found';
}

/** How much a violation exceeds its capacity, rounded only here: "1日 38件超過（上限 424件に対し 462件、3営業日）". */
export function violationExcessText(v: { kind: string; load: number; capacity: number; excess: number; daysOver: number }): string {
  const unit = v.kind === 'waveForms' ? '通' : '件';
  const days = v.kind === 'waveForms' ? '' : `、${formatNumber(v.daysOver)}営業日`;
  return `${formatNumber(Math.ceil(v.excess))}${unit}超過（上限 ${formatNumber(v.capacity)}${unit}に対し ${formatNumber(v.load)}${unit}${days}）`;
}

/** The window extension a plan that does not fit would need, as a sentence. */
export function extensionText(extension: { extraBusinessDays: number | null; mailTo: string | null } | null): string | null {
  if (!extension) return null;
  if (extension.extraBusinessDays === null || extension.mailTo === null) return '発送期間を延ばしても収まりません。オペレーター数や波の数を見直してください。';
  return `発送期間をあと${formatNumber(extension.extraBusinessDays)}営業日（${dayLabel(extension.mailTo)}まで）延ばせば収まります。`;
}

export interface TimelineRow {
  date: string;
  label: string;
  /** forms mailed that day (the waves whose mail date it is) */
  forms: number;
  /** the union's expected inquiries that day */
  load: number | null;
  /** the call center's capacity per day */
  capacity: number | null;
  waves: string[];
}

/**
 * One row per business day for the timeline chart: the waves' forms on their mail dates, the forecast
 * load, and the capacity line. Days come from the forecast; a wave's mail date missing there is added.
 */
export function timelineRows(
  waves: ReadonlyArray<{ name: string; mailDate: string; forms: number; status?: string }>,
  forecast: { dates: readonly string[]; union: readonly number[] } | null,
  capacity: number | null,
): TimelineRow[] {
  const byDate = new Map<string, TimelineRow>();
  const row = (date: string): TimelineRow => {
    let r = byDate.get(date);
    if (!r) {
      r = { date, label: shortDayLabel(date), forms: 0, load: forecast ? 0 : null, capacity: capacity !== null && Number.isFinite(capacity) ? capacity : null, waves: [] };
      byDate.set(date, r);
    }
    return r;
  };
  forecast?.dates.forEach((date, i) => {
    row(date).load = forecast.union[i] ?? 0;
  });
  for (const w of waves) {
    if (w.status === 'cancelled') continue;
    const r = row(w.mailDate);
    r.forms += w.forms;
    r.waves.push(w.name);
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** The municipalities with the most targets first, for the bar chart (the rest summed as その他). */
export function topMunicipalities<T extends { name: string; targets: number; cardHolders: number; review: number }>(
  rows: readonly T[],
  limit: number,
): Array<{ name: string; targets: number; cardHolders: number; review: number }> {
  const sorted = [...rows].sort((a, b) => b.targets - a.targets);
  const top = sorted.slice(0, limit).map(({ name, targets, cardHolders, review }) => ({ name, targets, cardHolders, review }));
  const rest = sorted.slice(limit);
  if (rest.length > 0) {
    top.push({
      name: `その他 ${rest.length}市町村`,
      targets: rest.reduce((s, r) => s + r.targets, 0),
      cardHolders: rest.reduce((s, r) => s + r.cardHolders, 0),
      review: rest.reduce((s, r) => s + r.review, 0),
    });
  }
  return top;
}

/** Adds `days` calendar days to YYYY-MM-DD. */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
