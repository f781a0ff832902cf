import { describe, expect, it } from '@jest/globals';
import type { InquiryRecord } from '../../api';
import { mergeReferred, unhandledCount, wavesOf } from './referred';

const record = (id: number, handledAt: string | null = null) => ({ id, municipalityCode: '012025', outcome: 'referred', handledAt }) as InquiryRecord;

describe('referred inquiries on the municipal page', () => {
  it('adds new ones newest first and replaces a record that was marked handled', () => {
    let list = mergeReferred([], record(3));
    list = mergeReferred(list, record(5));
    list = mergeReferred(list, record(3, '2027-02-16T01:00:00Z'));
    expect(list.map((r) => [r.id, r.handledAt])).toEqual([[5, null], [3, '2027-02-16T01:00:00Z']]);
    expect(unhandledCount(list)).toBe(1);
  });

  it('never lets a late live event undo a handled mark', () => {
    const list = mergeReferred([record(3, '2027-02-16T01:00:00Z')], record(3));
    expect(list[0].handledAt).toBe('2027-02-16T01:00:00Z');
  });

  it('lists only this municipality’s waves, by mail date', () => {
    const waves = [
      { municipalityCode: '012025', mailDate: '2027-03-01' },
      { municipalityCode: '011002', mailDate: '2027-02-15' },
      { municipalityCode: '012025', mailDate: '2027-02-22' },
    ];
    expect(wavesOf(waves, '012025').map((w) => w.mailDate)).toEqual(['2027-02-22', '2027-03-01']);
  });
});
