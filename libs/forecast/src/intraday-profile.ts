/**
 * How a day's inquiries spread over the hours the counters and phones are open.
 *
 * Each channel (phone, visit) has its own opening hours (default 8:45–17:30), its share of all inquiries,
 * and optional relative weights per hour of day. Within open hours every minute weighs the same, times
 * its hour's weight; so 8:00–9:00 with an 8:45 opening counts 15 minutes and 17:00–18:00 with a 17:30
 * close counts 30. The shares over open intervals sum to 1.
 *
 * Not confirmed: the split between phone and visits, and any hour-of-day pattern. The last mailing's
 * survey counted inquiries per day only. Defaults are an even split and a flat profile; both are
 * configurable and should be replaced by the logged inquiries' own profile once there are enough.
 */
import { FieldErrors } from './input-checks';

export const CHANNELS = ['phone', 'visit'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface ChannelHours {
  /** Opening time, `HH:MM` (JST). */
  opensAt: string;
  /** Closing time, `HH:MM` (JST), after `opensAt`. */
  closesAt: string;
  /** Share of all inquiries that come through this channel; the channels' shares sum to 1. */
  share: number;
  /** Relative intensity per hour of day (0–23), default 1; e.g. `{ 9: 1.5, 12: 0.6 }`. */
  hourWeights?: Readonly<Partial<Record<number, number>>>;
}

export type ChannelProfiles = Readonly<Record<Channel, ChannelHours>>;

export const DEFAULT_CHANNELS: ChannelProfiles = {
  phone: { opensAt: '08:45', closesAt: '17:30', share: 0.5 },
  visit: { opensAt: '08:45', closesAt: '17:30', share: 0.5 },
};

export interface IntervalShare {
  /** Start of the interval, `HH:MM`. */
  startsAt: string;
  /** End of the interval, `HH:MM` (`24:00` for midnight). */
  endsAt: string;
  /** Minutes of the interval during which the channel is open. */
  openMinutes: number;
  /** Share of the channel's daily inquiries in this interval. */
  share: number;
}

/** The combined hourly profile of all channels: `shares[i]` belongs to the hour starting at `hours[i]`. */
export interface HourlyProfile {
  readonly hours: readonly number[];
  readonly shares: Float64Array;
}

const HHMM = /^(\d{2}):(\d{2})$/;

function minutesOf(value: string): number | undefined {
  const m = typeof value === 'string' ? HHMM.exec(value) : null;
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return undefined;
  return h * 60 + min;
}

const hhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Weight of each minute of the day (0 when closed). */
function minuteWeights(hours: ChannelHours): Float64Array {
  const open = minutesOf(hours.opensAt) ?? 0;
  const close = minutesOf(hours.closesAt) ?? 0;
  const w = new Float64Array(1440);
  for (let t = open; t < close; t++) w[t] = hours.hourWeights?.[Math.floor(t / 60)] ?? 1;
  return w;
}

/**
 * The share of a channel's daily inquiries in each clock-aligned interval of `intervalMinutes` (a divisor
 * of 60: 15, 30 or 60) that overlaps its opening hours.
 */
export function intervalShares(hours: ChannelHours, intervalMinutes: number): IntervalShare[] {
  const errors = new FieldErrors();
  validateChannel(errors, hours, 'channel');
  const size = errors.positive(intervalMinutes, 'intervalMinutes', '集計間隔（分）');
  if (size !== undefined && (!Number.isInteger(size) || 60 % size !== 0)) {
    errors.add('intervalMinutes', 'out_of_range', '集計間隔は60を割り切れる分数（15、30、60など）で指定してください。');
  }
  errors.throwIfAny('invalid_intraday_profile', '時間帯別の設定に誤りがあります。');

  const w = minuteWeights(hours);
  const total = w.reduce((s, x) => s + x, 0);
  const out: IntervalShare[] = [];
  for (let start = 0; start < 1440; start += intervalMinutes) {
    let weight = 0;
    let openMinutes = 0;
    for (let t = start; t < start + intervalMinutes; t++) {
      weight += w[t];
      if (w[t] > 0) openMinutes++;
    }
    if (openMinutes > 0) out.push({ startsAt: hhmm(start), endsAt: hhmm(start + intervalMinutes), openMinutes, share: weight / total });
  }
  return out;
}

/** The hourly profile of all channels together, weighted by each channel's share. */
export function hourlyProfile(channels: ChannelProfiles = DEFAULT_CHANNELS): HourlyProfile {
  validateChannels(channels);
  const byHour = new Float64Array(24);
  for (const channel of CHANNELS) {
    for (const interval of intervalShares(channels[channel], 60)) {
      byHour[Number(interval.startsAt.slice(0, 2))] += channels[channel].share * interval.share;
    }
  }
  const hours: number[] = [];
  for (let h = 0; h < 24; h++) if (byHour[h] > 0) hours.push(h);
  const first = hours[0];
  const last = hours[hours.length - 1];
  // Keep the span contiguous (a closed lunch hour stays as a zero slot, so slots map to clock hours).
  const span: number[] = [];
  for (let h = first; h <= last; h++) span.push(h);
  return { hours: span, shares: Float64Array.from(span.map((h) => byHour[h])) };
}

export function validateChannels(channels: ChannelProfiles, prefix = 'channels'): void {
  const errors = new FieldErrors();
  let sum = 0;
  for (const channel of CHANNELS) {
    const hours = channels?.[channel];
    if (!hours) {
      errors.add(`${prefix}.${channel}`, 'required', `${channel === 'phone' ? '電話' : '来庁'}の受付時間を指定してください。`);
      continue;
    }
    validateChannel(errors, hours, `${prefix}.${channel}`);
    if (typeof hours.share === 'number') sum += hours.share;
  }
  if (errors.list.length === 0 && Math.abs(sum - 1) > 1e-9) {
    errors.add(`${prefix}`, 'shares_not_one', `電話と来庁の割合の合計は1にしてください（現在 ${sum}）。`);
  }
  errors.throwIfAny('invalid_intraday_profile', '時間帯別の設定に誤りがあります。');
}

function validateChannel(errors: FieldErrors, hours: ChannelHours, field: string): void {
  const open = minutesOf(hours.opensAt);
  const close = minutesOf(hours.closesAt);
  if (open === undefined) errors.add(`${field}.opensAt`, 'invalid_time', '開始時刻は HH:MM で入力してください。');
  if (close === undefined) errors.add(`${field}.closesAt`, 'invalid_time', '終了時刻は HH:MM で入力してください。');
  if (open !== undefined && close !== undefined && close <= open) {
    errors.add(`${field}.closesAt`, 'closes_before_opening', '終了時刻は開始時刻より後にしてください。');
  }
  const share = errors.number(hours.share, `${field}.share`, '割合');
  if (share !== undefined && (share < 0 || share > 1)) {
    errors.add(`${field}.share`, 'out_of_range', '割合は0以上1以下で指定してください。');
  }
  for (const [hour, weight] of Object.entries(hours.hourWeights ?? {})) {
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      errors.add(`${field}.hourWeights.${hour}`, 'invalid_weight', '時間帯の重みは0以上の数値で指定してください。');
    }
  }
  if (open !== undefined && close !== undefined && close > open && hours.hourWeights) {
    let total = 0;
    for (let t = open; t < close; t++) total += hours.hourWeights[Math.floor(t / 60)] ?? 1;
    if (!(total > 0)) errors.add(`${field}.hourWeights`, 'all_zero', '受付時間内の重みがすべて0です。');
  }
}
