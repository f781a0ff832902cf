/**
 * How busy a place is against its forecast, as a level with a colour and a word (never colour alone).
 * The ratio is actual ÷ expected; thresholds are the supervisor's rule of thumb: within ±20 % is
 * "as forecast", 1.5 times or more needs action.
 */
export type LoadLevel = 'none' | 'unforecast' | 'low' | 'normal' | 'high' | 'over';

export const LOAD_LEVELS: readonly LoadLevel[] = ['none', 'unforecast', 'low', 'normal', 'high', 'over'];

export const LOAD_LEVEL_LABELS: Record<LoadLevel, string> = {
  none: '試算なし',
  unforecast: '試算外',
  low: '少なめ',
  normal: '試算どおり',
  high: '多め',
  over: '大幅超過',
};

/** Fill colours for tiles and badges; text on them is --ink (dark) except on `over`, where it is white. */
export const LOAD_LEVEL_COLOURS: Record<LoadLevel, { fill: string; ink: string }> = {
  none: { fill: '#e5e7eb', ink: '#111418' },
  unforecast: { fill: '#e9d8fd', ink: '#111418' },
  low: { fill: '#d6e6fb', ink: '#111418' },
  normal: { fill: '#c9ecd2', ink: '#111418' },
  high: { fill: '#ffd98a', ink: '#111418' },
  over: { fill: '#9b0d1b', ink: '#ffffff' },
};

export const LOW_BELOW = 0.8;
export const HIGH_FROM = 1.2;
export const OVER_FROM = 1.5;

/**
 * The level of `actual` against `expected`. Nothing expected: `none` when nothing came either, else
 * `unforecast` (inquiries the plan did not foresee deserve a look).
 */
export function loadLevel(actual: number, expected: number): LoadLevel {
  if (!(expected > 0)) return actual > 0 ? 'unforecast' : 'none';
  const ratio = actual / expected;
  if (ratio < LOW_BELOW) return 'low';
  if (ratio < HIGH_FROM) return 'normal';
  if (ratio < OVER_FROM) return 'high';
  return 'over';
}

/** 1.234 → "123%"; null (nothing forecast) → "—". */
export function formatRatio(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${Math.round(ratio * 100).toLocaleString('ja-JP')}%`;
}

/** A ratio for sorting: nothing forecast sorts as the lowest, but above it anything unforeseen that came in. */
export function sortableRatio(actual: number, expected: number): number {
  if (expected > 0) return actual / expected;
  return actual > 0 ? Number.POSITIVE_INFINITY : -1;
}
