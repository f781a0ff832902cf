/**
 * The guard's evidence in Japanese, as the hold reason, the audit log and the dashboard show it:
 * 「札幌市：過去45分で21件（予測7.6件）、CUSUM 7.2 ≥ 7、p = 0.00004」.
 */
import type { GuardAlertEvidence } from '@wavedesk/contracts';

const count = (n: number): string => {
  if (Number.isInteger(n)) return n.toLocaleString('ja-JP');
  const digits = n < 0.1 ? 2 : 1; // a village's forecast for a few minutes is a few hundredths
  return n.toLocaleString('ja-JP', { minimumFractionDigits: digits, maximumFractionDigits: digits });
};
/** A ratio or statistic; ∞ for a load against a capacity of 0 (stored as null in JSON). */
const figure = (n: number | null): string => {
  if (n === null || !Number.isFinite(n)) return '∞';
  return Math.abs(n) >= 100 ? Math.round(n).toLocaleString('ja-JP') : String(Math.round(n * 100) / 100);
};

/** 「p = 0.00004」, or 「p < 0.00001」 below that (a figure like 6e-29 tells a supervisor nothing more). */
export function formatPValue(p: number): string {
  if (p >= 0.01) return `p = ${p.toFixed(2)}`;
  if (p < 0.00001) return 'p < 0.00001';
  return `p = ${String(Number(p.toPrecision(1)))}`;
}

const minutesOf = (e: GuardAlertEvidence): number => Math.max(1, Math.round((Date.parse(e.windowEnd) - Date.parse(e.windowStart)) / 60_000));

const jaDate = (iso: string): string => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** Why a rule tripped. `place` is the municipality's name, or 全道 / コールセンター for the union. */
export function describeTrip(kind: string, place: string, e: GuardAlertEvidence): string {
  if (kind === 'capacity' && e.capacity) {
    const staff = e.capacity.operatorsNeeded !== undefined ? `、必要オペレーター ${e.capacity.operatorsNeeded}人／在席 ${e.capacity.operatorsOnDuty ?? '?'}人` : '';
    return `${place}：${jaDate(e.capacity.date)}の予測 ${count(e.actual)}件（次の波を除くと ${count(e.capacity.loadWithoutNextWave)}件）が対応能力 ${count(e.expected)}件の ${figure(e.threshold)} 倍を超えます（${figure(e.score)} 倍${staff}）`;
  }
  const p = e.pValue !== undefined ? `、${formatPValue(e.pValue)}` : '';
  return `${place}：過去${minutesOf(e)}分で${count(e.actual)}件（予測${count(e.expected)}件）、CUSUM ${figure(e.score)} ≥ ${figure(e.threshold)}${p}`;
}

/** Why the guard resumed by itself. */
export function describeResume(place: string, e: GuardAlertEvidence): string {
  return `${place}：直近${minutesOf(e)}分で${count(e.actual)}件（予測${count(e.expected)}件）、${figure(e.score)} ≤ ${figure(e.threshold)} 倍に収まったため自動で再開`;
}

/** 「— 第3波を保留」, or that nothing was left to hold. */
export function describeHeld(waveNames: readonly string[]): string {
  return waveNames.length > 0 ? `${waveNames.join('・')}を保留` : '保留できる未発送の波はありません';
}
