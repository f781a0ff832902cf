import { DomainError } from '@wavedesk/common';
import { businessCalendar } from './business-calendar';
import { ForecastModel, type ForecastWave } from './forecast.model';
import { recalibrate, type ActualCount } from './recalibration';
import { responseCurveFromDecay } from './response-curve';
import { mulberry32, poisson } from './seeded-random';
import { hokkaidoWaves } from './testing/hokkaido-plan';

const SURVEY_RATE = 47344 / 3262639; // 1.4511 %
const calendar = businessCalendar();

/**
 * Simulated logged inquiries: Poisson counts around the forecast of a model with the true values, per
 * municipality and business day, from the first arrival until the cumulative count reaches `stopAt`.
 */
function simulate(waves: ForecastWave[], truth: ForecastModel, seed: number, stopAt: number) {
  const random = mulberry32(seed);
  const f = truth.forecast(waves, { from: '2027-02-01', to: '2027-12-28', granularity: 'day' });
  const D = f.dates.length;
  const actuals: ActualCount[] = [];
  let seen = 0;
  for (let d = 0; d < D; d++) {
    for (let m = 0; m < f.municipalityCodes.length; m++) {
      const count = poisson(random, f.daily[m * D + d]);
      seen += count;
      if (count > 0) actuals.push({ municipalityCode: f.municipalityCodes[m], date: f.dates[d], count });
    }
    if (seen >= stopAt) return { actuals, asOf: f.dates[d], seen };
  }
  throw new Error('the simulation never reached the count');
}

const truthAt = (rate: number, decay?: number) =>
  new ForecastModel({ inquiryRate: rate, ...(decay ? { peakDayShare: responseCurveFromDecay(decay, 60, 0.5).peakShare } : {}) });

const dispersedPlan = hokkaidoWaves(['2027-02-15', '2027-02-22', '2027-03-01', '2027-03-08']);

describe('recalibration', () => {
  it('finds a true rate of 2.0 % within ±0.2 points once 5,000 inquiries have been seen (five seeds)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { actuals, asOf, seen } = simulate(dispersedPlan, truthAt(0.02), seed, 5000);
      const r = recalibrate({ waves: dispersedPlan, actuals, asOf });
      expect(seen).toBeGreaterThanOrEqual(5000);
      expect(r.observedInquiries).toBe(seen);
      expect(Math.abs(r.estimate.inquiryRate - 0.02)).toBeLessThanOrEqual(0.002);
      // The interval is honest about the uncertainty and contains the estimate.
      expect(r.estimate.inquiryRateInterval90[0]).toBeLessThan(r.estimate.inquiryRate);
      expect(r.estimate.inquiryRateInterval90[1]).toBeGreaterThan(r.estimate.inquiryRate);
      // The recalibrated forecast is closer to what happened than the survey's.
      expect(r.comparison.total.wapeRecalibrated!).toBeLessThan(r.comparison.total.wapeSurvey!);
    }
  });

  it('stays near the survey’s 1.45 % when only 50 inquiries have been seen', () => {
    const smallPlan = hokkaidoWaves(['2027-02-15'], 20000).slice(0, 40);
    for (const seed of [11, 12, 13]) {
      const { actuals, asOf, seen } = simulate(smallPlan, truthAt(0.02), seed, 50);
      expect(seen).toBeLessThan(70);
      const r = recalibrate({ waves: smallPlan, actuals, asOf });
      expect(Math.abs(r.estimate.inquiryRate - SURVEY_RATE)).toBeLessThan(0.001);
      expect(Math.abs(r.estimate.inquiryRate - SURVEY_RATE)).toBeLessThan(Math.abs(r.estimate.inquiryRate - 0.02));
      expect(Math.abs(r.estimate.decay - r.prior.decay)).toBeLessThan(0.01);
    }
  });

  it('learns a faster-fading curve from plenty of data, and its peak-day share with it', () => {
    const { actuals, asOf } = simulate(dispersedPlan, truthAt(0.03, 0.9), 7, 10000);
    const r = recalibrate({ waves: dispersedPlan, actuals, asOf });
    expect(Math.abs(r.estimate.decay - 0.9)).toBeLessThan(0.01);
    expect(Math.abs(r.estimate.inquiryRate - 0.03)).toBeLessThan(0.003);
    expect(r.estimate.peakDayShare).toBeGreaterThan(r.prior.peakDayShare);
    // The recalibrated parameters drive the model to the same curve.
    expect(new ForecastModel(r.parameters).curve.decay).toBeCloseTo(r.estimate.decay, 9);
    // With the curve switch off only the rate moves.
    const rateOnly = recalibrate({ waves: dispersedPlan, actuals, asOf, estimateCurve: false });
    expect(rateOnly.estimate.decay).toBe(r.prior.decay);
  });

  it('reports WAPE per day and per municipality against the survey’s own forecast', () => {
    const { actuals, asOf } = simulate(dispersedPlan, truthAt(0.02), 21, 3000);
    const r = recalibrate({ waves: dispersedPlan, actuals, asOf });
    const survey = new ForecastModel().forecast(dispersedPlan, { from: r.comparison.byDay[0].date, to: asOf, granularity: 'day' });
    const D = survey.dates.length;
    expect(r.comparison.byDay.map((d) => d.date)).toEqual(survey.dates);
    // Independently: WAPE of the survey forecast for Sapporo over the observed days.
    const row = survey.municipalityCodes.indexOf('011002');
    let err = 0;
    let sum = 0;
    survey.dates.forEach((date, d) => {
      const a = actuals.find((x) => x.municipalityCode === '011002' && x.date === date)?.count ?? 0;
      err += Math.abs(a - survey.daily[row * D + d]);
      sum += a;
    });
    const sapporo = r.comparison.byMunicipality.find((m) => m.municipalityCode === '011002')!;
    expect(sapporo.actual).toBe(sum);
    expect(sapporo.wapeSurvey).toBeCloseTo(err / sum, 10);
    const day = r.comparison.byDay[D - 1];
    let dayErr = 0;
    let daySum = 0;
    for (let m = 0; m < survey.municipalityCodes.length; m++) {
      const a = actuals.find((x) => x.municipalityCode === survey.municipalityCodes[m] && x.date === day.date)?.count ?? 0;
      dayErr += Math.abs(a - survey.daily[m * D + D - 1]);
      daySum += a;
    }
    expect(day.wapeSurvey).toBeCloseTo(dayErr / daySum, 10);
    expect(r.comparison.total.actual).toBe(r.observedInquiries);
  });

  it('leaves out inquiries the released waves cannot explain, and keeps the prior without data', () => {
    const waves = [{ municipalityCode: '011002', mailDate: '2027-02-15', forms: 10000 }];
    const r = recalibrate({
      waves,
      asOf: '2027-02-16',
      actuals: [
        { municipalityCode: '012025', date: '2027-02-17', count: 4 }, // no wave there
        { municipalityCode: '011002', date: '2027-02-13', count: 3 }, // a Saturday, before arrival
      ],
    });
    expect(r.observedInquiries).toBe(0);
    expect(r.ignoredInquiries).toBe(7);
    expect(r.comparison.byDay).toHaveLength(0); // forms arrive on 2/17, after asOf
    expect(r.estimate.inquiryRate).toBeCloseTo(SURVEY_RATE, 15);
    expect(r.parameters.inquiryRate).toBeCloseTo(SURVEY_RATE, 15);
    expect(r.estimate.decay).toBe(r.prior.decay);
    expect(calendar.isBusinessDay('2027-02-17')).toBe(true);
  });

  it('refuses bad counts and dates with a 400', () => {
    try {
      recalibrate({
        waves: dispersedPlan,
        asOf: '2027-13-01',
        actuals: [{ municipalityCode: '011002', date: '2027-03-01', count: -2 }],
      });
      throw new Error('expected a DomainError');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).errors?.map((x) => x.field)).toEqual(['asOf', 'actuals[0].count']);
    }
  });
});

describe('seeded random', () => {
  it('repeats its sequence for a seed and draws Poisson counts with the right mean, even for large means', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let i = 0; i < 5; i++) expect(a()).toBe(b());
    const random = mulberry32(7);
    let sum = 0;
    for (let i = 0; i < 2000; i++) sum += poisson(random, 3.5);
    expect(sum / 2000).toBeGreaterThan(3.3);
    expect(sum / 2000).toBeLessThan(3.7);
    const big = poisson(random, 5000);
    expect(big).toBeGreaterThan(4700);
    expect(big).toBeLessThan(5300);
  });
});
