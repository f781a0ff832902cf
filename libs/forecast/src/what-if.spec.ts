import { DomainError } from '@wavedesk/common';
import { whatIf, whatIfExact } from './what-if';

function fieldErrors(run: () => unknown): { field: string; code: string; message: string }[] {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).status).toBe(400);
    expect((e as DomainError).code).toBe('invalid_what_if');
    return (e as DomainError).errors ?? [];
  }
  throw new Error('expected a DomainError');
}

describe('what-if (the survey’s 試算)', () => {
  it('reproduces the survey: 614,058 forms → 8,911 inquiries, 424 on the peak day', () => {
    expect(whatIf({ targets: 614058 })).toEqual({ targets: 614058, totalInquiries: 8911, peakDayInquiries: 424 });
  });

  it('derives the same from 838,877 insured with a 26.8 % card rate', () => {
    expect(whatIf({ insured: 838877, cardRate: 0.268 })).toEqual({ targets: 614058, totalInquiries: 8911, peakDayInquiries: 424 });
  });

  it('keeps the ratios unrounded until the end', () => {
    const exact = whatIfExact({ targets: 614058 });
    expect(exact.totalInquiries).toBeCloseTo((614058 * 47344) / 3262639, 9);
    expect(exact.peakDayInquiries).toBeCloseTo((614058 * 2251) / 3262639, 9);
    // Rounding the total first and then taking the peak share happens to give 424 too, but the peak is
    // computed from 8,910.57, not 8,911.
    expect(exact.peakDayInquiries).toBeCloseTo(423.6584, 4);
    expect(whatIf({ targets: 0 })).toEqual({ targets: 0, totalInquiries: 0, peakDayInquiries: 0 });
    expect(whatIf({ targets: 100000 }, { inquiryRate: 0.02 })).toEqual({ targets: 100000, totalInquiries: 2000, peakDayInquiries: 95 });
  });

  it('refuses negative, fractional and non-numeric targets with a Japanese message per field', () => {
    expect(fieldErrors(() => whatIf({ targets: -1 }))).toEqual([
      { field: 'targets', code: 'negative', message: '発送対象者数に負の数は指定できません。' },
    ]);
    expect(fieldErrors(() => whatIf({ targets: '614058' as unknown as number }))[0]).toMatchObject({ field: 'targets', code: 'not_a_number' });
    expect(fieldErrors(() => whatIf({ targets: Number.NaN }))[0]).toMatchObject({ field: 'targets', code: 'not_a_number' });
    expect(fieldErrors(() => whatIf({ targets: 1.5 }))[0]).toMatchObject({ field: 'targets', code: 'not_integer' });
    expect(fieldErrors(() => whatIf({}))[0]).toMatchObject({ field: 'targets', code: 'required' });
  });

  it('refuses card rates and inquiry rates outside (0, 1)', () => {
    for (const cardRate of [0, 1, 26.8, -0.1]) {
      expect(fieldErrors(() => whatIf({ insured: 838877, cardRate }))).toEqual([
        { field: 'cardRate', code: 'out_of_range', message: expect.stringContaining('0より大きく1未満') },
      ]);
    }
    expect(fieldErrors(() => whatIf({ insured: -5, cardRate: 0.3 }))[0]).toMatchObject({ field: 'insured', code: 'negative' });
    expect(fieldErrors(() => whatIf({ targets: 10 }, { inquiryRate: 1.2 }))[0]).toMatchObject({ field: 'inquiryRate', code: 'out_of_range' });
    expect(fieldErrors(() => whatIf({ targets: 10, insured: 20, cardRate: 0.5 }))[0]).toMatchObject({ code: 'ambiguous' });
  });
});
