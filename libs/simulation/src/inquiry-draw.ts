/**
 * What the simulated operators log (plain TypeScript): the forecast's expected inquiries in a stretch of
 * the day, times the scenario's multiplier, drawn as Poisson counts from a seeded generator, each given a
 * channel, category, caller and outcome in the desk's proportions.
 */
import { CALLER_TYPES, INQUIRY_OUTCOMES, type CallerType, type InquiryChannel, type InquiryOutcome } from '@wavedesk/contracts';
import { poisson } from '@wavedesk/forecast';

/** One municipality's forecast for a day by hour, as `GET /api/forecast?granularity=hour` gives it. */
export interface HourlyForecast {
  code: string;
  /** hourly[i] belongs to the hour starting at hours[i]. */
  hourly: readonly number[];
}

export interface DayShape {
  hours: readonly number[];
  openMinute: number;
  closeMinute: number;
}

/** Open minutes of the hour starting at `hour`. */
const openMinutesIn = (hour: number, shape: DayShape): number => Math.max(0, Math.min((hour + 1) * 60, shape.closeMinute) - Math.max(hour * 60, shape.openMinute));

/**
 * Expected inquiries between two minutes of the day: each hour's forecast is spread evenly over its open
 * minutes (as the forecast's intraday profile does), so [525, 1050) gives the whole day.
 */
export function expectedBetween(hourly: readonly number[], shape: DayShape, fromMinute: number, toMinute: number): number {
  let sum = 0;
  for (let i = 0; i < shape.hours.length; i++) {
    const hour = shape.hours[i];
    const open = openMinutesIn(hour, shape);
    if (open === 0 || !(hourly[i] > 0)) continue;
    const from = Math.max(fromMinute, hour * 60, shape.openMinute);
    const to = Math.min(toMinute, (hour + 1) * 60, shape.closeMinute);
    if (to > from) sum += (hourly[i] * (to - from)) / open;
  }
  return sum;
}

export interface DrawnInquiry {
  municipalityCode: string;
  /** Minute of the day at which it comes in (uniform within the stretch). */
  minute: number;
  channel: InquiryChannel;
  category: string;
  callerType: CallerType;
  outcome: InquiryOutcome;
  durationSeconds: number | null;
}

/** Weights of the categories of the desk (codes of DEFAULT_INQUIRY_CATEGORIES); what the last mailing heard most. */
export const CATEGORY_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['how_to_apply', 30], ['lost_form', 12], ['wrong_details', 5], ['already_have_card', 15], ['photo', 10],
  ['proxy', 8], ['facility', 6], ['insurance_card', 8], ['complaint', 2], ['other', 4],
];
const CALLER_WEIGHTS: readonly number[] = [55, 35, 8, 2];
const OUTCOME_WEIGHTS: readonly number[] = [80, 15, 5];

function pick<T>(random: () => number, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((s, w) => s + w, 0);
  let r = random() * total;
  for (let i = 0; i < items.length; i++) {
    r -= weights[i];
    if (r < 0) return items[i];
  }
  return items[items.length - 1];
}

/**
 * The inquiries of every municipality between two minutes of a day, in time order. `multiplier(code)` is
 * the scenario's factor for the municipality over this stretch; `phoneShare` the forecast's share of calls.
 */
export function drawInquiries(
  random: () => number,
  forecasts: readonly HourlyForecast[],
  shape: DayShape,
  fromMinute: number,
  toMinute: number,
  multiplier: (code: string) => number,
  phoneShare = 0.5,
): DrawnInquiry[] {
  const drawn: DrawnInquiry[] = [];
  for (const f of forecasts) {
    const mean = expectedBetween(f.hourly, shape, fromMinute, toMinute) * multiplier(f.code);
    const n = mean > 0 ? poisson(random, mean) : 0;
    for (let i = 0; i < n; i++) {
      const channel: InquiryChannel = random() < phoneShare ? 'phone' : 'visit';
      drawn.push({
        municipalityCode: f.code,
        minute: fromMinute + random() * (toMinute - fromMinute),
        channel,
        category: pick(random, CATEGORY_WEIGHTS.map(([c]) => c), CATEGORY_WEIGHTS.map(([, w]) => w)),
        callerType: pick(random, CALLER_TYPES, CALLER_WEIGHTS),
        outcome: pick(random, INQUIRY_OUTCOMES, OUTCOME_WEIGHTS),
        durationSeconds: channel === 'phone' ? Math.round(120 + random() * 480) : null,
      });
    }
  }
  return drawn.sort((a, b) => a.minute - b.minute);
}
