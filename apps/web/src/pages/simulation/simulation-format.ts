import { SIMULATION_PHASE_LABELS, SIMULATION_STATUS_LABELS, type SimulationView } from '@wavedesk/contracts';

/** 2027年2月18日(木) 10:35, the simulated instant as the desk would write it. */
export function formatSimulatedNow(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  const day = d.toLocaleDateString('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' });
  const time = d.toLocaleTimeString('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' });
  return `${day.replace(/\((.)\)$/, '($1)')} ${time}`;
}

/** What the run is doing, in one phrase: 準備中（突合） / 実行中 / 完了. */
export function runState(v: SimulationView): string {
  if (v.status === 'setting_up') return `${SIMULATION_STATUS_LABELS[v.status]}（${SIMULATION_PHASE_LABELS[v.phase]}）`;
  return SIMULATION_STATUS_LABELS[v.status];
}

export const isActive = (v: SimulationView | null): boolean => v !== null && (v.status === 'setting_up' || v.status === 'running');

/** Replaces a run in a list (newest first), or puts it first. */
export function upsertRun(list: readonly SimulationView[], v: SimulationView): SimulationView[] {
  return list.some((r) => r.id === v.id) ? list.map((r) => (r.id === v.id ? v : r)) : [v, ...list];
}
