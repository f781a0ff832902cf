import { ForecastModel } from '@wavedesk/forecast';
import { callCenterDailyCapacity } from './call-center-capacity';
import { evaluatePlan } from './evaluate-plan';
import type { PlanInput, PlanningMunicipality, ProposedWave } from './planning.types';
import { hokkaidoBatch, SAPPORO, SURVEY_TARGETS } from './testing/hokkaido-batch';
import { planWaves, waveDates } from './wave-planner';

const model = new ForecastModel();
const peakPerForm = model.parameters.inquiryRate * model.curve.peakShare;
const municipalities = hokkaidoBatch();
const WINDOW = { mailFrom: '2027-02-15', mailTo: '2027-03-12' };
/** 30 operators: far more than the plan needs. */
const PLENTY = callCenterDailyCapacity(model, 30);

function input(overrides: Partial<PlanInput> = {}): PlanInput {
  return { model, municipalities, ...WINDOW, callCenterCapacityPerDay: PLENTY, ...overrides };
}

function membersOf(waves: readonly ProposedWave[], code: string) {
  return waves.flatMap((w) => w.members.filter((m) => m.code === code).map((m) => ({ ...m, mailDate: w.mailDate })));
}

function withCapacity(code: string, capacity: number): PlanningMunicipality[] {
  return municipalities.map((m) => (m.code === code ? { ...m, counterCapacityPerDay: capacity } : m));
}

describe('planWaves with the 179 municipalities, 2027-02-15 … 2027-03-12', () => {
  it('finds a plan that fits, quickly, and evaluatePlan confirms that no capacity is exceeded', () => {
    planWaves(input()); // warm-up: the first run includes compiling the hot loops
    const started = performance.now();
    const plan = planWaves(input());
    const elapsed = performance.now() - started;

    expect(plan.evaluation.fits).toBe(true);
    expect(plan.windowExtension).toBeNull();
    expect(elapsed).toBeLessThan(1000);

    const check = evaluatePlan(plan.waves, input());
    expect(check.fits).toBe(true);
    expect(check.violations).toEqual([]);
    for (const m of check.municipalities) expect(m.load).toBeLessThanOrEqual(m.capacity);
    expect(check.union.load).toBeLessThanOrEqual(PLENTY);
    // Everybody once: 614,058 forms, each municipality's targets in full.
    expect(plan.waves.reduce((s, w) => s + w.forms, 0)).toBe(SURVEY_TARGETS);
    for (const m of municipalities) expect(membersOf(plan.waves, m.code).reduce((s, x) => s + x.targets, 0)).toBe(m.targets);
    expect(check.summary).toContain('179市町村・614,058通');
  });

  it('mails on business days inside the window, at least the minimum spacing apart, within the most waves', () => {
    const plan = planWaves(input({ options: { minSpacingBusinessDays: 3, maxWaves: 6 } }));
    const dates = plan.waves.map((w) => w.mailDate);
    expect(dates.length).toBeLessThanOrEqual(6);
    for (const date of dates) {
      expect(model.calendar.isBusinessDay(date)).toBe(true);
      expect(date >= WINDOW.mailFrom && date <= WINDOW.mailTo).toBe(true);
    }
    expect(dates).not.toContain('2027-02-23'); // 天皇誕生日
    for (let i = 1; i < dates.length; i++) expect(model.calendar.businessDaysBetween(dates[i - 1], dates[i])).toBeGreaterThanOrEqual(3);
    expect(plan.waves.map((w) => w.seq)).toEqual(plan.waves.map((_, i) => i + 1));
  });

  it('spreads the wave dates evenly over the window: four a week apart by default', () => {
    expect(waveDates(model, WINDOW.mailFrom, WINDOW.mailTo)).toEqual(['2027-02-15', '2027-02-24', '2027-03-04', '2027-03-12']);
    expect(waveDates(model, WINDOW.mailFrom, WINDOW.mailTo, { maxWaves: 2 })).toEqual(['2027-02-15', '2027-03-12']);
    expect(waveDates(model, '2027-02-23', '2027-02-24')).toEqual(['2027-02-24']);
  });

  it('never proposes a closed day: a window around 天皇誕生日 uses only 2/22 and 2/24', () => {
    const plan = planWaves(input({ mailFrom: '2027-02-22', mailTo: '2027-02-24', options: { minSpacingBusinessDays: 1 } }));
    expect(plan.waves.map((w) => w.mailDate)).toEqual(['2027-02-22', '2027-02-24']);
  });

  it('refuses a window without a business day', () => {
    expect(() => planWaves(input({ mailFrom: '2027-02-23', mailTo: '2027-02-23' }))).toThrow(
      expect.objectContaining({ status: 400, errors: [expect.objectContaining({ field: 'mailTo', code: 'no_business_day' })] }),
    );
  });

  it('refuses postal groups that do not add up to the targets, naming the municipality', () => {
    const wrong = municipalities.map((m) => (m.code === SAPPORO ? { ...m, targets: m.targets + 1 } : m));
    expect(() => planWaves(input({ municipalities: wrong }))).toThrow(
      expect.objectContaining({ status: 400, errors: [expect.objectContaining({ field: 'municipalities[0].postalGroups', code: 'targets_mismatch' })] }),
    );
  });

  it('leaves a municipality without targets out of every wave', () => {
    const none = municipalities.map((m) => (m.code === '013030' ? { ...m, targets: 0 } : m));
    const plan = planWaves(input({ municipalities: none }));
    expect(membersOf(plan.waves, '013030')).toEqual([]);
    expect(evaluatePlan(plan.waves, input({ municipalities: none })).fits).toBe(true);
  });

  it('splits 札幌市 across several waves, each a contiguous run of its postal prefixes', () => {
    const sapporo = municipalities.find((m) => m.code === SAPPORO)!;
    const keys = sapporo.postalGroups!.map((g) => g.key);
    const plan = planWaves(input({ options: { minSpacingBusinessDays: 3 } }));
    expect(plan.evaluation.fits).toBe(true);

    const parts = membersOf(plan.waves, SAPPORO);
    expect(new Set(parts.map((p) => p.mailDate)).size).toBeGreaterThanOrEqual(3);
    expect(parts.flatMap((p) => p.postalGroupKeys!).sort()).toEqual([...keys].sort());
    for (const part of parts) {
      const at = part.postalGroupKeys!.map((k) => keys.indexOf(k));
      expect(at).toEqual(at.map((_, i) => at[0] + i)); // contiguous in postal order
      const targets = part.postalGroupKeys!.reduce((s, k) => s + sapporo.postalGroups!.find((g) => g.key === k)!.targets, 0);
      expect(part.targets).toBe(targets);
    }
    // With the defaults (4 waves a week apart) 札幌市 still gets more than one.
    expect(new Set(membersOf(planWaves(input()).waves, SAPPORO).map((p) => p.mailDate)).size).toBeGreaterThanOrEqual(2);
  });

  it('keeps every wave within the most forms a wave may hold', () => {
    const plan = planWaves(input({ options: { maxFormsPerWave: 100_000, minSpacingBusinessDays: 2 } }));
    expect(plan.evaluation.fits).toBe(true);
    for (const w of plan.waves) expect(w.forms).toBeLessThanOrEqual(100_000);
    expect(membersOf(plan.waves, SAPPORO).length).toBeGreaterThanOrEqual(3);
  });

  it('counts the load of waves already released: 帯広市 goes last when its counter is still busy', () => {
    const obihiro = '012076';
    const targets = municipalities.find((m) => m.code === obihiro)!.targets;
    const existingWaves = [{ municipalityCode: obihiro, mailDate: '2027-02-12', forms: targets }];
    const tight = withCapacity(obihiro, 21);

    const plan = planWaves(input({ municipalities: tight, existingWaves }));
    expect(plan.evaluation.fits).toBe(true);
    expect(membersOf(plan.waves, obihiro).map((p) => p.mailDate)).toEqual([plan.waves[plan.waves.length - 1].mailDate]);
    // Mailed on the first day instead, the two waves together would overflow the counter.
    const early = evaluatePlan(
      [{ seq: 1, mailDate: '2027-02-15', members: [{ code: obihiro, targets }], forms: targets }],
      { model, municipalities: [tight.find((m) => m.code === obihiro)!], callCenterCapacityPerDay: PLENTY, existingWaves },
    );
    expect(early.violations.map((v) => v.code)).toEqual([obihiro]);
  });
});

describe('planWaves when no plan fits', () => {
  it('a one-day window: the call center is exceeded on 2/18, by how much, and how many more days are needed', () => {
    const capacity = 300;
    const plan = planWaves(input({ mailFrom: '2027-02-15', mailTo: '2027-02-15', callCenterCapacityPerDay: capacity }));
    expect(plan.waves).toHaveLength(1);
    expect(plan.evaluation.fits).toBe(false);
    const [v, ...others] = plan.evaluation.violations;
    expect(others).toEqual([]);
    expect(v.kind).toBe('union');
    // All 614,058 forms on one day: the survey's peak day, 423.7 inquiries, the day after arrival.
    expect(v.date).toBe('2027-02-18');
    expect(v.load).toBeCloseTo(SURVEY_TARGETS * peakPerForm, 9);
    expect(v.excess).toBeCloseTo(SURVEY_TARGETS * peakPerForm - capacity, 9);
    expect(v.message).toBe(
      'コールセンターは2027年2月18日(木)に全市町村で1日423.7件の問い合わせが見込まれ、対応可能件数300件を123.7件超えます（超える日は8営業日）。',
    );

    // The advice holds: with that many more business days the planner finds a plan that fits.
    const extra = plan.windowExtension!.extraBusinessDays!;
    expect(extra).toBeGreaterThan(0);
    expect(plan.evaluation.summary).toContain(`発送期間をあと${extra}営業日`);
    const longer = planWaves(input({ mailFrom: '2027-02-15', mailTo: plan.windowExtension!.mailTo!, callCenterCapacityPerDay: capacity }));
    expect(longer.evaluation.fits).toBe(true);
    if (extra > 1) {
      const shorter = model.calendar.addBusinessDays('2027-02-15', extra - 1);
      expect(planWaves(input({ mailFrom: '2027-02-15', mailTo: shorter, callCenterCapacityPerDay: capacity })).evaluation.fits).toBe(false);
    }
  });

  it('a counter too small for 札幌市 in one wave: names 札幌市 and its excess; the full window fits by splitting it', () => {
    const small = withCapacity(SAPPORO, 150);
    const sapporoTargets = municipalities.find((m) => m.code === SAPPORO)!.targets;
    const plan = planWaves(input({ municipalities: small, mailTo: '2027-02-15' }));
    expect(plan.evaluation.fits).toBe(false);
    expect(plan.evaluation.violations).toHaveLength(1);
    const v = plan.evaluation.violations[0];
    expect(v).toMatchObject({ kind: 'municipality', code: SAPPORO, date: '2027-02-18', capacity: 150 });
    expect(v.excess).toBeCloseTo(sapporoTargets * peakPerForm - 150, 9);
    expect(v.message).toMatch(/^札幌市の窓口は2027年2月18日\(木\)に1日165\.7件の問い合わせが見込まれ、対応可能件数150件を15\.7件超えます/);
    expect(plan.evaluation.summary).toContain('札幌市の窓口');

    expect(planWaves(input({ municipalities: small })).evaluation.fits).toBe(true);
  });

  it('tiny counter capacities: every overflowing counter is reported, and no longer window would help', () => {
    const tiny = municipalities.map((m) => ({ ...m, counterCapacityPerDay: 1 }));
    const plan = planWaves(input({ municipalities: tiny }));
    expect(plan.evaluation.fits).toBe(false);
    const reported = plan.evaluation.violations.filter((v) => v.kind === 'municipality');
    // A municipality mailed whole peaks at forms × rate × peak share: over 1 a day from about 1,450 forms.
    const expected = tiny.filter((m) => m.code === SAPPORO || m.targets * peakPerForm > 1).map((m) => m.code);
    expect(reported.map((v) => v.code).sort()).toEqual(expected.sort());
    for (const v of reported.filter((x) => x.code !== SAPPORO)) {
      const m = tiny.find((x) => x.code === v.code)!;
      expect(v.excess).toBeCloseTo(m.targets * peakPerForm - 1, 9);
    }
    expect(plan.windowExtension).toEqual({ extraBusinessDays: null, mailTo: null });
    expect(plan.evaluation.summary).toContain('対応可能件数（人員）を見直す');
  });
});

describe('the call center', () => {
  it('binds when operators are few', () => {
    const many = planWaves(input());
    expect(many.evaluation.binding.kind).toBe('municipality');

    const three = callCenterDailyCapacity(model, 3);
    const fewer = planWaves(input({ callCenterCapacityPerDay: three }));
    expect(fewer.evaluation.fits).toBe(fewer.evaluation.union.load <= three);
    expect(fewer.evaluation.binding.kind).toBe('union');

    const two = callCenterDailyCapacity(model, 2);
    const tooFew = planWaves(input({ callCenterCapacityPerDay: two }));
    expect(tooFew.evaluation.fits).toBe(false);
    expect(tooFew.evaluation.violations.map((v) => v.kind)).toEqual(['union']);
    const v = tooFew.evaluation.violations[0];
    expect(v.capacity).toBe(two);
    expect(v.excess).toBeCloseTo(tooFew.evaluation.union.load - two, 9);
    expect(v.message).toContain('コールセンター');
  });
});
