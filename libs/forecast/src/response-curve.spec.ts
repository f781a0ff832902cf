import { DomainError } from '@wavedesk/common';
import { calibrateResponseCurve, geometricShares, minimumPeakShare, responseCurveFromDecay } from './response-curve';

const SURVEY_PEAK = 2251 / 47344;

describe('response curve', () => {
  const curve = calibrateResponseCurve({ peakDayShare: SURVEY_PEAK, horizonDays: 60, arrivalDayWeight: 0.5 });

  it('puts exactly the survey peak-day share (2,251 / 47,344) on its busiest day', () => {
    expect(Math.abs(curve.peakShare - SURVEY_PEAK)).toBeLessThan(1e-15);
    expect(Math.max(...curve.shares)).toBe(curve.peakShare);
  });

  it('sums to 1 over its horizon and peaks the day after arrival, the arrival day carrying half a day', () => {
    expect(curve.shares).toHaveLength(60);
    expect(curve.shares.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 14);
    expect(curve.peakDay).toBe(1);
    expect(curve.shares[0] / curve.shares[1]).toBeCloseTo(0.5 / curve.decay, 12);
    // Each later day brings q times the day before.
    for (let d = 2; d < 60; d++) expect(curve.shares[d] / curve.shares[d - 1]).toBeCloseTo(curve.decay, 12);
  });

  it('solves a decay of about 0.954: half of a wave’s inquiries within 3 weeks', () => {
    expect(curve.decay).toBeCloseTo(0.95433, 5);
    expect(curve.medianDay).toBe(14);
  });

  it('gives a sharper curve for a larger peak share, and a flatter one for a longer horizon', () => {
    const sharp = calibrateResponseCurve({ peakDayShare: 0.2, horizonDays: 60, arrivalDayWeight: 0.5 });
    expect(sharp.decay).toBeLessThan(curve.decay);
    expect(sharp.peakShare).toBeCloseTo(0.2, 15);
    const long = calibrateResponseCurve({ peakDayShare: SURVEY_PEAK, horizonDays: 120, arrivalDayWeight: 0.5 });
    expect(long.peakShare).toBeCloseTo(SURVEY_PEAK, 15);
    expect(long.decay).toBeLessThan(curve.decay); // the tail is longer, so it must fall faster to keep the same peak
  });

  it('round-trips: the curve of the solved decay has the same shares', () => {
    const again = responseCurveFromDecay(curve.decay, 60, 0.5);
    expect(Array.from(again.shares)).toEqual(Array.from(curve.shares));
    expect(geometricShares(1, 4, 0.5).map((x) => x * 3.5)).toEqual(new Float64Array([0.5, 1, 1, 1]));
  });

  it('refuses a peak share no curve over the horizon can have, with a 400 naming the field', () => {
    const floor = minimumPeakShare(60, 0.5);
    expect(floor).toBeCloseTo(1 / 59.5, 15);
    for (const peakDayShare of [floor, 0.01, 0, 1, Number.NaN]) {
      try {
        calibrateResponseCurve({ peakDayShare, horizonDays: 60, arrivalDayWeight: 0.5 });
        throw new Error(`expected a DomainError for ${peakDayShare}`);
      } catch (e) {
        expect(e).toBeInstanceOf(DomainError);
        expect((e as DomainError).status).toBe(400);
        expect((e as DomainError).errors?.[0].field).toBe('peakDayShare');
      }
    }
  });
});
