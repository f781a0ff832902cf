import { ForecastModel, type ForecastWave } from '@wavedesk/forecast';
import { ASAHIKAWA, at, SAPPORO } from '../testing/guard-fixtures';
import { callCenterCapacity, operatorsNeeded, type CapacityContext } from './capacity-check';
import { fixedLoad } from '../testing/guard-fixtures';
import { isResume, isTrip } from './guard-decision';
import { GuardDetector } from './guard-detector';
import { DEFAULT_CAPACITY_PARAMS, DEFAULT_GUARD_RULES, type CapacityRule } from './guard-rule';

const model = new ForecastModel();
const capacityRules = DEFAULT_GUARD_RULES.filter((r): r is CapacityRule => r.kind === 'capacity');
const callCenter = capacityRules.find((r) => r.scope === 'union')!;
const counter = capacityRules.find((r) => r.scope === 'municipality')!;

const member = (code: string, mailDate: string, forms: number, id: string): ForecastWave => ({ id, municipalityCode: code, mailDate, forms });
// Released on 4/5; the next wave (4/12) reaches homes on 4/14 and peaks on 4/15, inside 10 business days of 4/8.
const released = [member(SAPPORO, '2027-04-05', 120_000, 'w1')];
const next = { id: 'w2', mailDate: '2027-04-12', members: [member(SAPPORO, '2027-04-12', 120_000, 'w2'), member(ASAHIKAWA, '2027-04-12', 40_000, 'w2')] };

const context = (operators: number, over: Partial<CapacityContext> = {}): CapacityContext => ({
  model,
  releasedWaves: released,
  upcomingWaves: [next],
  operatorsOnDuty: () => operators,
  counterCapacity: () => undefined,
  ...over,
});

describe('capacity rules', () => {
  it('sizes the call center with Erlang C: what one, two and three operators can take a day', () => {
    const capacity = [1, 2, 3].map((n) => callCenterCapacity(model, n, DEFAULT_CAPACITY_PARAMS));
    expect(capacity[0]).toBeLessThan(capacity[1]);
    expect(capacity[1]).toBeLessThan(capacity[2]);
    for (const [i, c] of capacity.entries()) {
      expect(operatorsNeeded(model, c, DEFAULT_CAPACITY_PARAMS)).toBeLessThanOrEqual(i + 1);
      expect(operatorsNeeded(model, c + 1, DEFAULT_CAPACITY_PARAMS)).toBeGreaterThan(i + 1);
    }
    expect(callCenterCapacity(model, 0, DEFAULT_CAPACITY_PARAMS)).toBe(0);
  });

  it('does not trip while the operators on duty can take the coming days with the next wave', () => {
    const detector = new GuardDetector({ rules: [callCenter], expected: fixedLoad({}) });
    expect(detector.checkCapacity(at('2027-04-08', '08:00'), context(10))).toEqual([]);
  });

  it('trips the call-center rule when the next wave would push a day past what the operators on duty can take', () => {
    const detector = new GuardDetector({ rules: [callCenter], expected: fixedLoad({}) });
    const [trip] = detector.checkCapacity(at('2027-04-08', '08:00'), context(1)).filter(isTrip);
    expect(trip).toMatchObject({ scope: 'union', rule: { id: 'capacity-call-center' } });
    const { capacity } = trip.evidence;
    expect(capacity).toMatchObject({ nextWaveId: 'w2', operatorsOnDuty: 1 });
    expect(capacity!.date >= '2027-04-14').toBe(true);
    expect(trip.evidence.actual).toBeGreaterThan(trip.evidence.expected);
    expect(capacity!.loadWithoutNextWave).toBeLessThan(trip.evidence.actual);
    expect(capacity!.operatorsNeeded).toBeGreaterThan(1);
    // Decided once: the same check again says nothing new.
    expect(detector.checkCapacity(at('2027-04-08', '09:00'), context(1))).toEqual([]);
  });

  it('does not trip for a wave whose inquiries fall beyond the horizon', () => {
    const detector = new GuardDetector({ rules: [callCenter], expected: fixedLoad({}) });
    const far = { ...next, mailDate: '2027-05-31', members: next.members.map((m) => ({ ...m, mailDate: '2027-05-31' })) };
    expect(detector.checkCapacity(at('2027-04-08', '08:00'), context(1, { upcomingWaves: [far] }))).toEqual([]);
  });

  it('trips the counter rule for the municipality whose counter the next wave would overload, and only that one', () => {
    const detector = new GuardDetector({ rules: [counter], expected: fixedLoad({}) });
    const capacities: Record<string, number> = { [SAPPORO]: 196, [ASAHIKAWA]: 5 };
    const decisions = detector.checkCapacity(at('2027-04-08', '08:00'), context(10, { counterCapacity: (code) => capacities[code] }));
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ trip: true, scope: 'municipality', municipalityCode: ASAHIKAWA, evidence: { expected: 5 } });
  });

  it('resumes an auto capacity rule once the forecast has stayed under the resume level for the set time', () => {
    const auto: CapacityRule = { ...callCenter, resume: { mode: 'auto', belowRatio: 0.95, forMinutes: 60 } };
    const detector = new GuardDetector({ rules: [auto], expected: fixedLoad({}) });
    expect(detector.checkCapacity(at('2027-04-08', '08:00'), context(1)).filter(isTrip)).toHaveLength(1);
    // The roster grows back: under the level from 09:00, resumed at 10:00, not before.
    expect(detector.checkCapacity(at('2027-04-08', '09:00'), context(10))).toEqual([]);
    expect(detector.checkCapacity(at('2027-04-08', '09:30'), context(10))).toEqual([]);
    const [resume] = detector.checkCapacity(at('2027-04-08', '10:00'), context(10)).filter(isResume);
    expect(resume).toMatchObject({ scope: 'union', rule: { id: 'capacity-call-center' } });
    expect(detector.activeTrips()).toEqual([]);
  });
});
