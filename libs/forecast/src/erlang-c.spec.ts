import { DomainError } from '@wavedesk/common';
import { erlangB, erlangC, erlangCFor, waitProbability } from './erlang-c';
import { ForecastModel } from './forecast.model';
import { averageHandlingTime, staffingForDay, staffingPlan } from './staffing';

const textbook = { callsPerInterval: 100, intervalMinutes: 30, ahtSeconds: 180, targetSeconds: 20, serviceLevel: 0.8 };

describe('Erlang C', () => {
  it('needs 14 operators for 100 calls in 30 minutes at 180 s, 80 % in 20 s (Call Centre Helper example)', () => {
    const r = erlangC(textbook);
    expect(r.agents).toBe(14);
    expect(r.trafficErlangs).toBe(10);
    // Published for this example: P(wait) 17.4 %, service level 88.9 %, occupancy 71.4 %
    // (also pyworkforce's test_erlang.py). Exact values from the closed form with factorials in exact
    // rational arithmetic: 0.17413193359505, 0.88835001917947, ASA 7.8359370117772 s.
    expect(r.waitProbability).toBeCloseTo(0.17413193359505, 12);
    expect(r.serviceLevel).toBeCloseTo(0.88835001917947, 12);
    expect(r.asaSeconds).toBeCloseTo(7.8359370117772, 10);
    expect(r.occupancy).toBeCloseTo(10 / 14, 15);
  });

  it('stops at the first staffing that meets the goal: 13 operators reach only 79.6 %', () => {
    expect(erlangCFor(13, textbook).serviceLevel).toBeCloseTo(0.7955947884177831, 12);
    expect(erlangC({ ...textbook, serviceLevel: 0.79 }).agents).toBe(13);
    expect(erlangC({ ...textbook, serviceLevel: 0.9 }).agents).toBe(15);
  });

  it('matches the Westbay step-by-step example: 360 calls per half hour, 4 minutes, 55 agents, 15 s', () => {
    const r = erlangCFor(55, { callsPerInterval: 360, intervalMinutes: 30, ahtSeconds: 240, targetSeconds: 15 });
    expect(r.trafficErlangs).toBe(48);
    expect(r.occupancy).toBeCloseTo(0.8727, 4);
    expect(r.waitProbability).toBeCloseTo(0.2387009363780092, 12);
    expect(r.serviceLevel).toBeCloseTo(0.8458830921705803, 12);
    expect(r.asaSeconds).toBeCloseTo(8.184032104388887, 10);
  });

  it('stays finite and exact at 1,000 Erlangs, where Aᴺ and N! overflow', () => {
    const r = erlangC({ callsPerInterval: 6000, intervalMinutes: 30, ahtSeconds: 300, targetSeconds: 20, serviceLevel: 0.8 });
    expect(r.trafficErlangs).toBe(1000);
    expect(r.agents).toBe(1015);
    expect(r.waitProbability).toBeCloseTo(0.5276253546439205, 10);
    expect(r.serviceLevel).toBeCloseTo(0.8058974793857104, 10);
    expect(erlangCFor(1014, { callsPerInterval: 6000, intervalMinutes: 30, ahtSeconds: 300, targetSeconds: 20 }).serviceLevel).toBeLessThan(0.8);
    const huge = erlangC({ callsPerInterval: 300000, intervalMinutes: 60, ahtSeconds: 360 });
    expect(huge.trafficErlangs).toBe(30000);
    for (const v of Object.values(huge)) expect(Number.isFinite(v)).toBe(true);
    expect(huge.agents).toBeGreaterThan(30000);
    expect(Number.isFinite(erlangB(5000, 4900))).toBe(true);
  });

  it('answers no calls with no operators, and an overloaded staffing with P(wait) = 1 and no service', () => {
    expect(erlangC({ ...textbook, callsPerInterval: 0 })).toMatchObject({ agents: 0, serviceLevel: 1, asaSeconds: 0, occupancy: 0 });
    expect(waitProbability(10, 10)).toBe(1);
    expect(erlangCFor(9, textbook)).toMatchObject({ serviceLevel: 0, waitProbability: 1, occupancy: 1 });
  });

  it('refuses service levels of 1 or more or 0 or less, zero handling time and negative calls (400, Japanese)', () => {
    const fails = (input: object, field: string) => {
      try {
        erlangC({ ...textbook, ...input });
        throw new Error('expected a DomainError');
      } catch (e) {
        expect(e).toBeInstanceOf(DomainError);
        expect((e as DomainError).status).toBe(400);
        expect((e as DomainError).errors?.map((x) => x.field)).toEqual([field]);
        expect((e as DomainError).errors?.[0].message).toMatch(/[ぁ-ん]/);
      }
    };
    fails({ serviceLevel: 1 }, 'serviceLevel');
    fails({ serviceLevel: 1.2 }, 'serviceLevel');
    fails({ serviceLevel: 0 }, 'serviceLevel');
    fails({ ahtSeconds: 0 }, 'ahtSeconds');
    fails({ callsPerInterval: -1 }, 'callsPerInterval');
    fails({ callsPerInterval: 'many' }, 'callsPerInterval');
    fails({ intervalMinutes: 0 }, 'intervalMinutes');
    fails({ callsPerInterval: 1e9 }, 'callsPerInterval');
  });
});

describe('staffing', () => {
  it('sizes a partly open interval on its open minutes', () => {
    const plan = staffingPlan(
      [
        { startsAt: '08:30', endsAt: '09:00', openMinutes: 15, inquiries: 50 },
        { startsAt: '09:00', endsAt: '09:30', openMinutes: 30, inquiries: 100 },
      ],
      { ahtSeconds: 180, targetSeconds: 20, serviceLevel: 0.8 },
    );
    // 50 calls in 15 minutes is the same load as 100 in 30: 10 Erlangs, 14 operators.
    expect(plan.map((p) => p.agents)).toEqual([14, 14]);
    expect(plan[0]).toMatchObject({ startsAt: '08:30', calls: 50, trafficErlangs: 10 });
  });

  it('staffs a day of the plan from the union’s forecast phone calls, and nobody on a holiday', () => {
    const model = new ForecastModel();
    const waves = [{ municipalityCode: '011002', mailDate: '2027-02-15', forms: 240000 }];
    const day = staffingForDay(model, waves, '2027-02-18', { ahtSeconds: 360 });
    // Peak day: 240,000 × 1.4511 % × 4.7546 % = 165.6 inquiries, half of them by phone.
    expect(day.expectedInquiries).toBeCloseTo(240000 * (47344 / 3262639) * (2251 / 47344), 9);
    expect(day.intervals).toHaveLength(18);
    const full = day.intervals[1]; // 9:00–9:30: 82.8 × 30/525 = 4.73 calls → 0.95 Erlangs
    expect(full.calls).toBeCloseTo((day.expectedInquiries / 2) * (30 / 525), 9);
    expect(full.agents).toBe(3);
    expect(full.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(staffingForDay(model, waves, '2027-02-11')).toMatchObject({ closedReason: '建国記念の日', intervals: [] });
  });

  it('plans with logged handling times once there are 30, else with 6 minutes', () => {
    expect(averageHandlingTime(Array(29).fill(200))).toEqual({ ahtSeconds: 360, samples: 29, source: 'default' });
    expect(averageHandlingTime([...Array(30).fill(200), 0, -3, 99999])).toEqual({ ahtSeconds: 200, samples: 30, source: 'logged' });
  });
});
