import { ForecastModel, staffingPlan } from '@wavedesk/forecast';
import { callCenterDailyCapacity } from './call-center-capacity';

const model = new ForecastModel();
const mostNeeded = (inquiriesPerDay: number, goal = {}) =>
  Math.max(...staffingPlan(model.intervalLoad(inquiriesPerDay, 'phone', 30), goal).map((i) => i.agents));

describe('callCenterDailyCapacity', () => {
  it.each([1, 2, 3, 6, 14, 40])('%i operators: the most inquiries a day for which no 30-minute interval needs more', (operators) => {
    const capacity = callCenterDailyCapacity(model, operators);
    expect(mostNeeded(capacity)).toBeLessThanOrEqual(operators);
    expect(mostNeeded(capacity + 1)).toBeGreaterThan(operators);
  });

  it('grows with the operators and is 0 with none', () => {
    const capacities = [0, 1, 2, 4, 8, 16].map((n) => callCenterDailyCapacity(model, n));
    expect(capacities[0]).toBe(0);
    for (let i = 1; i < capacities.length; i++) expect(capacities[i]).toBeGreaterThan(capacities[i - 1]);
  });

  it('follows the service-level goal and the handling time', () => {
    const standard = callCenterDailyCapacity(model, 10);
    expect(callCenterDailyCapacity(model, 10, { serviceLevel: 0.95 })).toBeLessThan(standard);
    expect(callCenterDailyCapacity(model, 10, { ahtSeconds: 180 })).toBeGreaterThan(standard);
  });

  it('counts the union’s inquiries of all channels: only the phone share reaches the call center', () => {
    const { phone, visit } = model.parameters.channels;
    const quarterByPhone = new ForecastModel({ channels: { phone: { ...phone, share: 0.25 }, visit: { ...visit, share: 0.75 } } });
    const halfByPhone = callCenterDailyCapacity(model, 10);
    // A quarter of the inquiries by phone instead of half: twice as many inquiries a day for the same operators.
    expect(Math.abs(callCenterDailyCapacity(quarterByPhone, 10) - 2 * halfByPhone)).toBeLessThanOrEqual(2);
  });

  it('refuses a negative or fractional number of operators', () => {
    for (const bad of [-1, 2.5, Number.NaN]) {
      expect(() => callCenterDailyCapacity(model, bad)).toThrow(expect.objectContaining({ status: 400, code: 'invalid_operators' }));
    }
  });
});
