/**
 * What the union's call center can take in a day with a given number of operators on duty.
 *
 * A day's inquiries reach the phones by the forecast's intraday profile (the phone channel's share,
 * spread over its opening hours); Erlang C says how many operators each 30-minute interval needs to meet
 * the service-level goal (default 80 % answered within 20 s). The capacity is the most inquiries a day —
 * all channels, as the forecast counts the union's day — for which no interval needs more operators than
 * are on duty. It is compared directly with the forecast's union total per day.
 *
 * Example (defaults: half of all inquiries by phone, 8:45–17:30, 6-minute calls, 80 % in 20 s): see
 * docs/planning.md.
 */
import { badRequest } from '@wavedesk/common';
import { staffingPlan, type ForecastModel, type StaffingGoal } from '@wavedesk/forecast';

/** Beyond this many inquiries a day the search stops: no call center of the union is that large. */
const SEARCH_LIMIT = 10_000_000;

export function callCenterDailyCapacity(model: ForecastModel, operators: number, goal: StaffingGoal = {}, intervalMinutes = 30): number {
  if (typeof operators !== 'number' || !Number.isSafeInteger(operators) || operators < 0) {
    throw badRequest('invalid_operators', 'オペレーター数は0以上の整数で指定してください。', [
      { field: 'operators', code: 'invalid_number', message: 'オペレーター数は0以上の整数で指定してください。' },
    ]);
  }
  const coped = (inquiriesPerDay: number) =>
    staffingPlan(model.intervalLoad(inquiriesPerDay, 'phone', intervalMinutes), goal).every((i) => i.agents <= operators);

  // Double until the operators can no longer cope, then halve the gap: the largest whole number that copes.
  let low = 0;
  let high = 1;
  while (coped(high)) {
    low = high;
    high *= 2;
    if (high > SEARCH_LIMIT) return low;
  }
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (coped(mid)) low = mid;
    else high = mid;
  }
  return low;
}
