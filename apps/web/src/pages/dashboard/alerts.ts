import type { GuardAlert } from '../../api/guard-types';
import { WAVE_STATUS_LABELS, readWaveStatus } from './waves';

/** One line of the alert feed. */
export interface AlertItem {
  id: string;
  kind: 'guard' | 'wave';
  /** ISO 8601 */
  at: string;
  /** "保留" / "再開" / "状態変更" … */
  title: string;
  text: string;
  severity: 'warning' | 'info';
}

const ALERT_TITLES: Record<string, string> = {
  trip: '負荷監視：保留',
  resume: '負荷監視：再開',
  acknowledge: '負荷監視：確認',
  'keep-holding': '負荷監視：保留を続ける',
};

/**
 * A `guard:alert` (GuardAlert: `{ type, event }`) in words: the event's Japanese summary for a trip, who
 * resumed, acknowledged or kept it holding otherwise.
 */
export function guardAlertItem(payload: unknown, receivedAt: Date): AlertItem | null {
  const p = (typeof payload === 'object' && payload !== null ? payload : {}) as Partial<GuardAlert>;
  const e = p.event;
  if (!e || typeof p.type !== 'string' || typeof e.summary !== 'string') return null;
  const place = e.municipalityName ?? '全道';
  const text =
    p.type === 'trip'
      ? e.summary
      : p.type === 'resume'
        ? `${place}：${e.resumed?.by === 'guard' ? '負荷が下がったため自動で再開しました' : `${e.resumed?.by ?? ''} が再開しました（理由：${e.resumed?.reason ?? ''}）`}。`
        : p.type === 'acknowledge'
          ? `${place}：${e.acknowledged?.by ?? ''} が確認しました。`
          : `${place}：${e.keptHolding?.by ?? ''} が保留を続けることにしました。`;
  return {
    id: `guard:${e.id}:${p.type}`,
    kind: 'guard',
    at: p.type === 'trip' ? e.decidedAt : receivedAt.toISOString(),
    title: ALERT_TITLES[p.type] ?? '負荷監視',
    text,
    severity: p.type === 'trip' ? 'warning' : 'info',
  };
}

/** A `wave:status` event in words: "波 12 が 保留中 になりました（理由）". */
export function waveStatusItem(payload: unknown, receivedAt: Date, seq: number): AlertItem | null {
  const status = readWaveStatus(payload);
  if (!status) return null;
  const word = WAVE_STATUS_LABELS[status.status] ?? status.status;
  return {
    id: `wave:${status.waveId}:${status.status}:${seq}`,
    kind: 'wave',
    at: receivedAt.toISOString(),
    title: '発送の波',
    text: `波 ${status.waveId} が「${word}」になりました${status.reason ? `（理由：${status.reason}）` : ''}。`,
    severity: status.status === 'held' || status.status === 'cancelled' ? 'warning' : 'info',
  };
}

/** Newest first, without repeats, at most `limit`. */
export function pushAlert(list: readonly AlertItem[], item: AlertItem, limit = 50): AlertItem[] {
  if (list.some((a) => a.id === item.id)) return list as AlertItem[];
  return [item, ...list].slice(0, limit);
}
