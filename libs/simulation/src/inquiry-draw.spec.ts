import { mulberry32 } from '@wavedesk/forecast';
import { drawInquiries, expectedBetween, type DayShape } from './inquiry-draw';

// The forecast's hourly shape with the default 8:45–17:30: 8:00 counts 15 open minutes, 17:00 counts 30.
const shape: DayShape = { hours: [8, 9, 10, 11, 12, 13, 14, 15, 16, 17], openMinute: 525, closeMinute: 1050 };
const perMinute = 70 / 525; // 札幌市-like: 70 a day, flat
const hourly = shape.hours.map((h) => perMinute * Math.max(0, Math.min((h + 1) * 60, 1050) - Math.max(h * 60, 525)));

describe('expected inquiries in a stretch of the day', () => {
  it('gives the whole day over the opening hours and nothing when closed', () => {
    expect(expectedBetween(hourly, shape, 525, 1050)).toBeCloseTo(70, 9);
    expect(expectedBetween(hourly, shape, 0, 525)).toBe(0);
    expect(expectedBetween(hourly, shape, 1050, 1440)).toBe(0);
  });

  it('spreads each hour over its open minutes', () => {
    expect(expectedBetween(hourly, shape, 600, 720)).toBeCloseTo(120 * perMinute, 9); // 10:00–12:00
    expect(expectedBetween(hourly, shape, 500, 540)).toBeCloseTo(15 * perMinute, 9); // only 8:45–9:00 is open
  });
});

describe('drawing inquiries', () => {
  const forecasts = [{ code: '011002', hourly }, { code: '013030', hourly: hourly.map((v) => v / 100) }];

  it('is Poisson around the forecast × multiplier: the mean over many days matches, the spread is √mean', () => {
    const random = mulberry32(7);
    const days = 400;
    const counts = Array.from({ length: days }, () => drawInquiries(random, forecasts.slice(0, 1), shape, 525, 1050, () => 1).length);
    const mean = counts.reduce((s, c) => s + c, 0) / days;
    const variance = counts.reduce((s, c) => s + (c - mean) ** 2, 0) / days;
    expect(mean).toBeGreaterThan(68);
    expect(mean).toBeLessThan(72);
    expect(variance / mean).toBeGreaterThan(0.8);
    expect(variance / mean).toBeLessThan(1.2);
  });

  it('multiplies where the scenario says, and only there', () => {
    const random = mulberry32(11);
    const drawn = Array.from({ length: 100 }, () => drawInquiries(random, forecasts, shape, 600, 720, (code) => (code === '011002' ? 3 : 1))).flat();
    const sapporo = drawn.filter((d) => d.municipalityCode === '011002').length / 100;
    expect(sapporo).toBeGreaterThan(3 * 16 * 0.9);
    expect(sapporo).toBeLessThan(3 * 16 * 1.1);
    // The other municipality expects 0.16 in those two hours: about 16 in 100 days, not 48.
    const other = drawn.filter((d) => d.municipalityCode === '013030').length;
    expect(other).toBeGreaterThan(6);
    expect(other).toBeLessThan(30);
  });

  it('gives each inquiry a time inside the stretch, in order, and desk codes the API accepts', () => {
    const drawn = drawInquiries(mulberry32(3), forecasts, shape, 600, 660, () => 5);
    expect(drawn.length).toBeGreaterThan(10);
    expect(drawn.every((d, i) => d.minute >= 600 && d.minute < 660 && (i === 0 || drawn[i - 1].minute <= d.minute))).toBe(true);
    expect(new Set(drawn.map((d) => d.channel))).toEqual(new Set(['phone', 'visit']));
    expect(drawn.filter((d) => d.channel === 'visit').every((d) => d.durationSeconds === null)).toBe(true);
  });

  it('is the same for the same seed', () => {
    expect(drawInquiries(mulberry32(5), forecasts, shape, 525, 1050, () => 1)).toEqual(drawInquiries(mulberry32(5), forecasts, shape, 525, 1050, () => 1));
  });
});
