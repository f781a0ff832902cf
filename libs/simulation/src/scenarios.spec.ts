import { loadMultiplier, operatorsOnDuty, SAPPORO_CODE, scenarioWindow, type ScenarioInputs } from './scenarios';

const waves = [
  { mailDate: '2027-02-15', municipalityCodes: [SAPPORO_CODE, '012025'] },
  { mailDate: '2027-02-24', municipalityCodes: ['013030'] },
  { mailDate: '2027-03-04', municipalityCodes: [SAPPORO_CODE] },
];
const sapporo: ScenarioInputs = { scenario: 'sapporo', multiplier: 3, hours: 2 };

describe('scenarios', () => {
  it('sapporo: 3× in 札幌市 from 10:00 for two hours on the busiest day of the first wave that has a later Sapporo wave', () => {
    const w = scenarioWindow(sapporo, waves, 525, 1050);
    expect(w).toMatchObject({ date: '2027-02-18', fromMinute: 600, toMinute: 720, codes: [SAPPORO_CODE] });
    expect(loadMultiplier(sapporo, w, SAPPORO_CODE, '2027-02-18', 600, 720)).toBe(3);
    expect(loadMultiplier(sapporo, w, SAPPORO_CODE, '2027-02-18', 690, 750)).toBe(2); // half the stretch inside
    expect(loadMultiplier(sapporo, w, '012025', '2027-02-18', 600, 720)).toBe(1);
    expect(loadMultiplier(sapporo, w, SAPPORO_CODE, '2027-02-19', 600, 720)).toBe(1);
  });

  it('surge: every municipality at 2.5× for the whole business day five business days after the first wave', () => {
    const surge: ScenarioInputs = { scenario: 'surge', multiplier: 2.5, hours: 8.75 };
    const w = scenarioWindow(surge, waves, 525, 1050);
    expect(w.date).toBe('2027-02-22');
    expect(loadMultiplier(surge, w, '013030', '2027-02-22', 525, 1050)).toBe(2.5);
  });

  it('half-operators: half the roster away for 15 business days from the second wave, at forecast load', () => {
    const half: ScenarioInputs = { scenario: 'half-operators', multiplier: 1, hours: 0 };
    const w = scenarioWindow(half, waves, 525, 1050);
    expect(w).toMatchObject({ date: '2027-02-24', untilDate: '2027-03-16' }); // 15 business days: 2/24–26, 3/1–5, 3/8–12, 3/15–16
    expect(operatorsOnDuty(half, w, 3, '2027-02-23')).toBe(3);
    expect(operatorsOnDuty(half, w, 3, '2027-02-24')).toBe(2);
    expect(operatorsOnDuty(half, w, 6, '2027-03-16')).toBe(3);
    expect(operatorsOnDuty(half, w, 6, '2027-03-17')).toBe(6);
    expect(loadMultiplier(half, w, SAPPORO_CODE, '2027-02-24', 525, 1050)).toBe(1);
  });

  it('baseline departs from nothing', () => {
    const base: ScenarioInputs = { scenario: 'baseline', multiplier: 1, hours: 0 };
    const w = scenarioWindow(base, waves, 525, 1050);
    expect(w.date).toBeNull();
    expect(loadMultiplier(base, w, SAPPORO_CODE, '2027-02-18', 600, 720)).toBe(1);
    expect(operatorsOnDuty(base, w, 3, '2027-02-24')).toBe(3);
  });
});
