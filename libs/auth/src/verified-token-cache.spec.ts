import { VERIFIED_TOKEN_TTL_MS, VerifiedTokenCache } from './verified-token-cache';

const user = { id: 7, username: 'desk1', role: 'operator' as const, municipalityCode: null };

describe('VerifiedTokenCache', () => {
  let now = 1_000_000;
  const cache = new VerifiedTokenCache(() => now);
  beforeEach(() => cache.clear());

  it('trusts a verified token for at most a second, then asks for the user row again', () => {
    cache.set('t', user, Number.POSITIVE_INFINITY);
    now += VERIFIED_TOKEN_TTL_MS - 1;
    expect(cache.get('t')).toEqual(user);
    now += 1;
    expect(cache.get('t')).toBeNull();
  });

  it('never outlives the token itself', () => {
    cache.set('t', user, now + 10);
    now += 10;
    expect(cache.get('t')).toBeNull();
  });

  it('forgets every token when a user changes', () => {
    cache.set('t', user, Number.POSITIVE_INFINITY);
    cache.clear();
    expect(cache.get('t')).toBeNull();
    expect(cache.get('unknown')).toBeNull();
  });
});
