import { ForecastModel, type ForecastWave } from '@wavedesk/forecast';
import { evaluatePlan } from './evaluate-plan';
import type { PlanContext, PlanningMunicipality, ProposedWave } from './planning.types';
import { hokkaidoBatch, SAPPORO, SURVEY_TARGETS } from './testing/hokkaido-batch';
import { planWaves } from './wave-planner';

const model = new ForecastModel();
const municipalities = hokkaidoBatch();

function context(overrides: Partial<PlanContext> = {}): PlanContext {
  return { model, municipalities, callCenterCapacityPerDay: 5_000, ...overrides };
}

/** Everybody on one day: one wave holding every municipality whole. */
function oneWave(mailDate = '2027-02-15', ms: readonly PlanningMunicipality[] = municipalities): ProposedWave[] {
  const members = ms.map((m) => ({ code: m.code, targets: m.targets }));
  return [{ seq: 1, mailDate, members, forms: members.reduce((s, m) => s + m.targets, 0) }];
}

function asForecastWaves(waves: readonly ProposedWave[]): ForecastWave[] {
  return waves.flatMap((w) => w.members.map((m) => ({ municipalityCode: m.code, mailDate: w.mailDate, forms: m.targets })));
}

function max(values: ArrayLike<number>, from = 0, to = values.length): number {
  let best = 0;
  for (let i = from; i < to; i++) best = Math.max(best, values[i]);
  return best;
}

describe('evaluatePlan', () => {
  it('agrees with ForecastModel.forecast on the same waves, released ones included (peaks within 1e-9)', () => {
    // Released waves of an earlier batch: two municipalities of this batch and one outside it (union only).
    const existingWaves: ForecastWave[] = [
      { municipalityCode: SAPPORO, mailDate: '2027-02-01', forms: 50_000 },
      { municipalityCode: '012041', mailDate: '2027-02-08', forms: 10_000 },
      { municipalityCode: '013030', mailDate: '2027-02-03', forms: 3_000 },
    ];
    const batch = municipalities.filter((m) => m.code !== '013030');
    const ctx = context({ municipalities: batch, existingWaves });
    const plan = planWaves({ ...ctx, mailFrom: '2027-02-15', mailTo: '2027-03-12', options: { minSpacingBusinessDays: 3 } });
    const evaluation = evaluatePlan(plan.waves, ctx);

    const forecast = model.forecast([...asForecastWaves(plan.waves), ...existingWaves], {
      from: evaluation.dates[0],
      to: evaluation.dates[evaluation.dates.length - 1],
      municipalityCodes: evaluation.municipalityCodes,
      granularity: 'day',
    });
    expect(forecast.dates).toEqual(evaluation.dates);
    const D = forecast.dates.length;
    evaluation.municipalities.forEach((m, row) => {
      expect(Math.abs(m.load - max(forecast.daily, row * D, (row + 1) * D))).toBeLessThan(1e-9);
      if (m.date) expect(forecast.daily[row * D + forecast.dates.indexOf(m.date)]).toBeCloseTo(m.load, 9);
    });
    expect(Math.abs(evaluation.union.load - max(forecast.unionDaily))).toBeLessThan(1e-9);
    forecast.unionDaily.forEach((v, d) => expect(Math.abs(v - evaluation.unionDaily[d])).toBeLessThan(1e-9));
    // The range starts with the first arrival (2027-02-03, two business days after 2/1) and covers every tail.
    expect(evaluation.dates[0]).toBe('2027-02-03');
    const tobetsu = municipalities.find((m) => m.code === '013030')!.targets;
    expect(forecast.total).toBeCloseTo(model.expectedInquiries(SURVEY_TARGETS - tobetsu + 63_000), 6);
  });

  it('reports the call center and a counter on their worst day, worst first, with Japanese sentences', () => {
    const ctx = context({
      municipalities: municipalities.map((m) => (m.code === SAPPORO ? { ...m, counterCapacityPerDay: 100 } : m)),
      callCenterCapacityPerDay: 300,
    });
    const e = evaluatePlan(oneWave(), ctx);
    expect(e.fits).toBe(false);
    expect(e.violations.map((v) => [v.kind, v.code])).toEqual([
      ['municipality', SAPPORO], // 165.7 / 100
      ['union', undefined], // 423.7 / 300
    ]);
    const [sapporo, union] = e.violations;
    expect(sapporo).toMatchObject({ date: '2027-02-18', capacity: 100 });
    expect(sapporo.message).toBe(
      '札幌市の窓口は2027年2月18日(木)に1日165.7件の問い合わせが見込まれ、対応可能件数100件を65.7件超えます（超える日は11営業日）。',
    );
    expect(union.excess).toBeCloseTo(union.load - 300, 12);
    expect(e.binding).toEqual({ kind: 'municipality', code: SAPPORO, ratio: sapporo.load / 100 });
    expect(e.summary).toBe(
      '179市町村・614,058通を1回で発送する計画です。この計画では対応可能件数に収まりません（市町村の窓口1か所、コールセンター）。' +
        sapporo.message,
    );
  });

  it('reports a wave above the per-wave maximum', () => {
    const e = evaluatePlan(oneWave(), context({ options: { maxFormsPerWave: 100_000 } }));
    expect(e.violations).toEqual([
      expect.objectContaining({ kind: 'waveForms', seq: 1, load: SURVEY_TARGETS, capacity: 100_000, excess: 514_058 }),
    ]);
    expect(e.violations[0].message).toBe('第1波（2027年2月15日(月)発送）は614,058通で、1回の発送の上限100,000通を514,058通超えます。');
  });

  it('says how much room is left when everything fits', () => {
    const e = evaluatePlan(oneWave(), context());
    expect(e.fits).toBe(true);
    expect(e.binding.kind).toBe('municipality');
    expect(e.summary).toContain('どの市町村の窓口もコールセンターも、見込まれる問い合わせが対応可能件数に収まります。');
    expect(e.summary).toMatch(/最も余裕が少ないのは札幌市の窓口で、2027年2月18日\(木\)に165\.7件（対応可能件数の85%）です。$/);
  });

  it('refuses a plan that does not mail every target exactly once, or mails on a closed day', () => {
    const [hakodate, otaru] = municipalities.filter((m) => m.code === '012025' || m.code === '012033');
    const ctx = context({ municipalities: [hakodate, otaru] });
    const short: ProposedWave[] = [
      { seq: 1, mailDate: '2027-02-15', members: [{ code: hakodate.code, targets: hakodate.targets - 1 }, { code: otaru.code, targets: otaru.targets }], forms: 0 },
    ];
    expect(() => evaluatePlan(short, ctx)).toThrow(
      expect.objectContaining({ status: 400, errors: [expect.objectContaining({ code: 'targets_not_covered', message: expect.stringContaining('函館市') })] }),
    );
    const sapporo = municipalities.find((m) => m.code === SAPPORO)!;
    const g = sapporo.postalGroups!;
    const twice: ProposedWave[] = [
      { seq: 1, mailDate: '2027-02-15', members: [{ code: SAPPORO, targets: g[0].targets, postalGroupKeys: [g[0].key] }], forms: 0 },
      { seq: 2, mailDate: '2027-02-22', members: [{ code: SAPPORO, targets: sapporo.targets, postalGroupKeys: g.map((x) => x.key) }], forms: 0 },
    ];
    expect(() => evaluatePlan(twice, context({ municipalities: [sapporo] }))).toThrow(
      expect.objectContaining({ errors: expect.arrayContaining([expect.objectContaining({ code: 'postal_group_twice' })]) }),
    );
    expect(() => evaluatePlan(oneWave('2027-02-23', [hakodate]), context({ municipalities: [hakodate] }))).toThrow(
      expect.objectContaining({ errors: [expect.objectContaining({ code: 'not_business_day', message: expect.stringContaining('天皇誕生日') })] }),
    );
    expect(() => evaluatePlan(oneWave(), context({ municipalities: [hakodate] }))).toThrow(
      expect.objectContaining({ errors: expect.arrayContaining([expect.objectContaining({ code: 'unknown_municipality' })]) }),
    );
  });
});
