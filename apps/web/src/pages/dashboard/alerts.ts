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

const RULE_WORDS: Record<string, string> = { spike: '問い合わせの急増', capacity: '対応能力の超過' };

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const round = (v: number) => Math.round(v).toLocaleString('ja-JP');

/**
 * A `guard:alert` (the load guard tripped or resumed) in words. The payload follows the guard's decision
 * (`trip` or `resume`, `rule`, `scope`, `municipalityCode`, `evidence { actual, expected }`); a `message`
 * from the server is used as it is.
 */
export function guardAlertItem(payload: unknown, receivedAt: Date, nameOf: (code: string) => string, seq: number): AlertItem {
  const p = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
  const rule = (typeof p.rule === 'object' && p.rule !== null ? p.rule : {}) as Record<string, unknown>;
  const evidence = (typeof p.evidence === 'object' && p.evidence !== null ? p.evidence : {}) as Record<string, unknown>;
  const resume = p.resume === true;
  const where = typeof p.municipalityCode === 'string' ? nameOf(p.municipalityCode) : '全道';
  const ruleWord = typeof rule.kind === 'string' ? (RULE_WORDS[rule.kind] ?? rule.kind) : typeof p.rule === 'string' ? (RULE_WORDS[p.rule] ?? p.rule) : '負荷監視';
  const actual = num(evidence.actual);
  const expected = num(evidence.expected);
  const figures = actual !== null && expected !== null ? `（実績 ${round(actual)}件／試算 ${round(expected)}件）` : '';
  const text =
    typeof p.message === 'string'
      ? p.message
      : resume
        ? `${where}：${ruleWord}がおさまりました${figures}。次の波の保留を解除できます。`
        : `${where}：${ruleWord}を検知しました${figures}。次の波を保留します。`;
  return {
    id: typeof p.key === 'string' ? `guard:${p.key}:${resume ? 'resume' : 'trip'}` : `guard:${seq}`,
    kind: 'guard',
    at: typeof p.at === 'string' ? p.at : receivedAt.toISOString(),
    title: resume ? '負荷監視：解除' : '負荷監視：警告',
    text,
    severity: resume ? 'info' : 'warning',
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
