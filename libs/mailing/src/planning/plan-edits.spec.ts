import { ForecastModel } from '@wavedesk/forecast';
import { evaluatePlan } from './evaluate-plan';
import { mergeWaves, moveWave, splitWave } from './plan-edits';
import type { PlanContext, ProposedWave } from './planning.types';
import { hokkaidoBatch, SAPPORO } from './testing/hokkaido-batch';

const model = new ForecastModel();
const HAKODATE = '012025';
const OTARU = '012033';
const batch = hokkaidoBatch().filter((m) => [SAPPORO, HAKODATE, OTARU].includes(m.code));
const [sapporo, hakodate, otaru] = [SAPPORO, HAKODATE, OTARU].map((code) => batch.find((m) => m.code === code)!);
const groups = sapporo.postalGroups!;
const keys = groups.map((g) => g.key);
const targetsOf = (ks: readonly string[]) => ks.reduce((s, k) => s + groups.find((g) => g.key === k)!.targets, 0);
const north = keys.slice(0, 4); // 001–004
const south = keys.slice(4); // 005–065

const context: PlanContext = { model, municipalities: batch, callCenterCapacityPerDay: 5_000, mailFrom: '2027-02-15', mailTo: '2027-03-12' };

function plan(): ProposedWave[] {
  const waves: ProposedWave[] = [
    {
      seq: 1,
      mailDate: '2027-02-15',
      members: [
        { code: SAPPORO, targets: targetsOf(north), postalGroupKeys: [...north] },
        { code: HAKODATE, targets: hakodate.targets },
      ],
      forms: targetsOf(north) + hakodate.targets,
    },
    {
      seq: 2,
      mailDate: '2027-02-22',
      members: [
        { code: SAPPORO, targets: targetsOf(south), postalGroupKeys: [...south] },
        { code: OTARU, targets: otaru.targets },
      ],
      forms: targetsOf(south) + otaru.targets,
    },
  ];
  return deepFreeze(waves);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('hand edits of a plan', () => {
  it('moveWave: the wave takes its new date, waves are renumbered by date, and the load follows', () => {
    const before = evaluatePlan(plan(), context);
    const after = moveWave(plan(), 1, '2027-03-01', context);
    expect(after.waves.map((w) => [w.seq, w.mailDate, w.forms])).toEqual([
      [1, '2027-02-22', plan()[1].forms],
      [2, '2027-03-01', plan()[0].forms],
    ]);
    // 函館市 now peaks the day after its forms arrive on 3/3.
    expect(before.municipalities.find((m) => m.code === HAKODATE)!.date).toBe('2027-02-18');
    expect(after.evaluation.municipalities.find((m) => m.code === HAKODATE)!.date).toBe('2027-03-04');
    expect(after.evaluation).toEqual(evaluatePlan(after.waves, context));
  });

  it('refuses a closed day or a day outside the mailing window, with the reason', () => {
    expect(() => moveWave(plan(), 1, '2027-02-23', context)).toThrow(
      expect.objectContaining({ status: 400, code: 'not_business_day', message: expect.stringContaining('2027年2月23日(火)は天皇誕生日') }),
    );
    expect(() => moveWave(plan(), 1, '2027-02-20', context)).toThrow(expect.objectContaining({ message: expect.stringContaining('土曜日') }));
    expect(() => moveWave(plan(), 1, '2027-03-15', context)).toThrow(expect.objectContaining({ status: 400, code: 'outside_mailing_window' }));
    expect(() => moveWave(plan(), 9, '2027-03-01', context)).toThrow(expect.objectContaining({ status: 404, code: 'wave_not_found' }));
  });

  it('mergeWaves: one wave on the earliest date; 札幌市 whole again', () => {
    const merged = mergeWaves(plan(), [1, 2], context);
    expect(merged.waves).toHaveLength(1);
    const [w] = merged.waves;
    expect(w).toMatchObject({ seq: 1, mailDate: '2027-02-15', forms: sapporo.targets + hakodate.targets + otaru.targets });
    expect(w.members).toEqual([
      { code: SAPPORO, targets: sapporo.targets },
      { code: HAKODATE, targets: hakodate.targets },
      { code: OTARU, targets: otaru.targets },
    ]);
    expect(merged.evaluation.union.load).toBeGreaterThan(evaluatePlan(plan(), context).union.load);
    expect(mergeWaves(plan(), [1, 2], context, '2027-02-24').waves[0].mailDate).toBe('2027-02-24');
    expect(() => mergeWaves(plan(), [1], context)).toThrow(expect.objectContaining({ code: 'merge_needs_two_waves' }));
  });

  it('splitWave: part of 札幌市 and a whole municipality move to a new wave; everybody is still mailed once', () => {
    const split = splitWave(plan(), 2, { mailDate: '2027-03-08', members: [{ code: SAPPORO, postalGroupKeys: ['062', '063'] }, { code: OTARU }] }, context);
    expect(split.waves.map((w) => w.mailDate)).toEqual(['2027-02-15', '2027-02-22', '2027-03-08']);
    const rest = south.filter((k) => k !== '062' && k !== '063');
    expect(split.waves[1].members).toEqual([{ code: SAPPORO, targets: targetsOf(rest), postalGroupKeys: rest }]);
    expect(split.waves[2].members).toEqual([
      { code: SAPPORO, targets: targetsOf(['062', '063']), postalGroupKeys: ['062', '063'] },
      { code: OTARU, targets: otaru.targets },
    ]);
    expect(split.waves.reduce((s, w) => s + w.forms, 0)).toBe(sapporo.targets + hakodate.targets + otaru.targets);
    expect(split.evaluation.fits).toBe(true); // evaluatePlan checked that every target is mailed once
  });

  it('splitWave refuses groups the wave does not hold, and moving everything (that is a move)', () => {
    expect(() => splitWave(plan(), 1, { mailDate: '2027-03-01', members: [{ code: SAPPORO, postalGroupKeys: ['062'] }] }, context)).toThrow(
      expect.objectContaining({ code: 'postal_group_not_in_wave', message: expect.stringContaining('「062」') }),
    );
    expect(() => splitWave(plan(), 1, { mailDate: '2027-03-01', members: [{ code: SAPPORO }, { code: HAKODATE }] }, context)).toThrow(
      expect.objectContaining({ code: 'split_moves_everything' }),
    );
    expect(() => splitWave(plan(), 1, { mailDate: '2027-03-01', members: [{ code: OTARU }] }, context)).toThrow(
      expect.objectContaining({ code: 'member_not_in_wave' }),
    );
  });
});
