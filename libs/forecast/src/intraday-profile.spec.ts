import { DomainError } from '@wavedesk/common';
import { DEFAULT_CHANNELS, hourlyProfile, intervalShares } from './intraday-profile';

describe('intraday profile', () => {
  it('weights the partial first and last hours of 8:45–17:30 by their open minutes', () => {
    const profile = hourlyProfile();
    expect(profile.hours).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(profile.shares.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 15);
    // 525 open minutes: 8:45–9:00 is 15 of them, a full hour 60, 17:00–17:30 30.
    expect(profile.shares[0]).toBeCloseTo(15 / 525, 15);
    expect(profile.shares[1]).toBeCloseTo(60 / 525, 15);
    expect(profile.shares[9]).toBeCloseTo(30 / 525, 15);
  });

  it('gives each channel its own hours, and mixes them by their shares', () => {
    const profile = hourlyProfile({
      phone: { opensAt: '08:30', closesAt: '17:15', share: 0.7 },
      visit: { opensAt: '09:00', closesAt: '16:00', share: 0.3 },
    });
    expect(profile.hours).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(profile.shares[0]).toBeCloseTo((0.7 * 30) / 525, 15); // only the phones are open at 8:30
    expect(profile.shares[9]).toBeCloseTo((0.7 * 15) / 525, 15);
    expect(profile.shares[3]).toBeCloseTo((0.7 * 60) / 525 + (0.3 * 60) / 420, 15);
    expect(profile.shares.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 15);
  });

  it('splits a channel into 30-minute intervals and honours hour weights', () => {
    const half = intervalShares(DEFAULT_CHANNELS.phone, 30);
    expect(half[0]).toMatchObject({ startsAt: '08:30', endsAt: '09:00', openMinutes: 15 });
    expect(half[half.length - 1]).toMatchObject({ startsAt: '17:00', endsAt: '17:30', openMinutes: 30 });
    expect(half).toHaveLength(18);
    const weighted = intervalShares({ opensAt: '09:00', closesAt: '12:00', share: 1, hourWeights: { 9: 2 } }, 60);
    expect(weighted.map((i) => i.share)).toEqual([0.5, 0.25, 0.25]);
  });

  it('refuses hours that close before they open, or shares that do not add up to 1', () => {
    expect(() => intervalShares({ opensAt: '17:30', closesAt: '08:45', share: 1 }, 60)).toThrow(DomainError);
    expect(() => intervalShares({ opensAt: '8:45', closesAt: '17:30', share: 1 }, 60)).toThrow(DomainError);
    expect(() => intervalShares(DEFAULT_CHANNELS.phone, 25)).toThrow(DomainError);
    try {
      hourlyProfile({ phone: { ...DEFAULT_CHANNELS.phone, share: 0.6 }, visit: DEFAULT_CHANNELS.visit });
      throw new Error('expected a DomainError');
    } catch (e) {
      expect((e as DomainError).errors?.[0]).toMatchObject({ field: 'channels', code: 'shares_not_one' });
    }
  });
});
