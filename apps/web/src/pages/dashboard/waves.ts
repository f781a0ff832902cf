import type { ForecastWaveSummary, WaveView } from '../../api';

/**
 * Waves (分散発送の波) as the dashboard shows them. The forecast lists each wave once per municipality it
 * mails to; the timeline shows one line per wave. Statuses and their words follow the mailing library's
 * state machine (libs/mailing/src/waves/wave-state.ts), which the web app cannot import.
 */
export const WAVE_STATUS_LABELS: Record<string, string> = {
  planned: '計画中',
  approved: '承認済',
  released: '発送指示済',
  writing: '書き出し中',
  done: '完了',
  held: '保留中',
  cancelled: '中止',
};

/** Where hold and resume are allowed (the state machine's rule). */
export const HOLDABLE = new Set(['planned', 'approved', 'released', 'writing']);

export interface WaveLine {
  /** the wave's id, or the mail date when the forecast gives none */
  id: string;
  hasId: boolean;
  /** e.g. "1回目分 第2波", when the waves API told */
  name?: string;
  /** the wave's status, when known (waves API or `wave:status`) */
  status?: string;
  heldReason?: string | null;
  mailDate: string;
  /** null for a wave the forecast leaves out (held or cancelled) */
  arrivalDate: string | null;
  peakDate: string | null;
  municipalityCodes: string[];
  forms: number;
  /** null for a wave the forecast leaves out */
  expectedInquiries: number | null;
}

/** One line per wave, by mail date. */
export function groupWaves(summaries: readonly ForecastWaveSummary[]): WaveLine[] {
  const byId = new Map<string, WaveLine>();
  for (const s of summaries) {
    const id = s.id ?? `date:${s.mailDate}`;
    const line = byId.get(id);
    if (!line) {
      byId.set(id, {
        id,
        hasId: s.id !== undefined,
        mailDate: s.mailDate,
        arrivalDate: s.arrivalDate,
        peakDate: s.peakDate,
        municipalityCodes: [s.municipalityCode],
        forms: s.forms,
        expectedInquiries: s.expectedInquiries,
      });
      continue;
    }
    line.municipalityCodes.push(s.municipalityCode);
    line.forms += s.forms;
    line.expectedInquiries = (line.expectedInquiries ?? 0) + s.expectedInquiries;
    if (s.mailDate < line.mailDate) line.mailDate = s.mailDate;
    if (line.arrivalDate === null || s.arrivalDate < line.arrivalDate) line.arrivalDate = s.arrivalDate;
    if (line.peakDate === null || s.peakDate > line.peakDate) line.peakDate = s.peakDate;
  }
  return [...byId.values()].sort((a, b) => a.mailDate.localeCompare(b.mailDate) || a.id.localeCompare(b.id));
}

/**
 * The forecast's lines joined with what the waves API says (name, status, hold reason). Waves the forecast
 * leaves out — held and cancelled ones — come from the waves API alone, so a held wave stays on the time line
 * with its 再開 button.
 */
export function mergeWaveViews(lines: readonly WaveLine[], views: ReadonlyMap<string, WaveView> | null): WaveLine[] {
  if (!views) return [...lines];
  const merged = lines.map((l) => {
    const v = views.get(l.id);
    return v ? { ...l, name: v.name, status: v.status, heldReason: v.heldReason } : l;
  });
  const known = new Set(lines.map((l) => l.id));
  for (const [id, v] of views) {
    if (known.has(id)) continue;
    merged.push({
      id,
      hasId: true,
      name: v.name,
      status: v.status,
      heldReason: v.heldReason,
      mailDate: v.mailDate,
      arrivalDate: null,
      peakDate: null,
      municipalityCodes: v.municipalityCodes,
      forms: v.forms,
      expectedInquiries: null,
    });
  }
  return merged.sort((a, b) => a.mailDate.localeCompare(b.mailDate) || a.id.localeCompare(b.id, 'ja', { numeric: true }));
}

/** A `wave:status` event, whatever its exact shape: the wave's id and its new status, or null. */
export function readWaveStatus(payload: unknown): { waveId: string; status: string; reason?: string } | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as Record<string, unknown>;
  const id = p.waveId ?? p.id;
  const status = p.status ?? p.to;
  if ((typeof id !== 'string' && typeof id !== 'number') || typeof status !== 'string') return null;
  return { waveId: String(id), status, ...(typeof p.reason === 'string' ? { reason: p.reason } : {}) };
}

/** Where a date falls between `from` and `to`, as a percentage (for the timeline track). */
export function datePosition(date: string, from: string, to: string): number {
  const start = Date.parse(`${from}T00:00:00Z`);
  const span = Date.parse(`${to}T00:00:00Z`) - start;
  if (!(span > 0)) return 0;
  return Math.min(100, Math.max(0, ((Date.parse(`${date}T00:00:00Z`) - start) / span) * 100));
}

/** Whether a hold was made by the load guard (its reasons start with 「負荷監視」, see libs/guard GuardActions). */
export const heldByGuard = (reason: string | null | undefined): boolean => typeof reason === 'string' && reason.startsWith('負荷監視');
