import type { AuthUser } from '@wavedesk/contracts';
import { DomainError } from '@wavedesk/common';
import { scopedFilters, visibleMunicipality } from './inquiry-filters';

const operator: AuthUser = { id: 1, username: 'op', role: 'operator', municipalityCode: null };
const hakodate: AuthUser = { id: 2, username: 'hk', role: 'municipal', municipalityCode: '012025' };

const statusOf = (fn: () => unknown): number | null => {
  try {
    fn();
    return null;
  } catch (error) {
    return (error as DomainError).status;
  }
};

describe('inquiry filters and municipality scope', () => {
  it('limits a municipal user to their municipality and refuses another (403)', () => {
    expect(scopedFilters({}, hakodate).municipalityCode).toBe('012025');
    expect(scopedFilters({ municipalityCode: '012025' }, hakodate).municipalityCode).toBe('012025');
    expect(statusOf(() => scopedFilters({ municipalityCode: '011002' }, hakodate))).toBe(403);
    expect(scopedFilters({}, operator).municipalityCode).toBeUndefined();
  });

  it('shows nothing, rather than everything, to a municipal user without a municipality', () => {
    expect(statusOf(() => visibleMunicipality({ ...hakodate, municipalityCode: null }))).toBe(403);
    expect(visibleMunicipality(operator)).toBeNull();
  });

  it('reads bare dates as JST days, a bare `to` including its day', () => {
    const f = scopedFilters({ from: '2026-02-15', to: '2026-02-15' }, operator);
    expect(f.from!.toISOString()).toBe('2026-02-14T15:00:00.000Z');
    expect(f.to!.toISOString()).toBe('2026-02-15T15:00:00.000Z');
    expect(scopedFilters({ from: '2026-02-15T10:00:00+09:00' }, operator).from!.toISOString()).toBe('2026-02-15T01:00:00.000Z');
    expect(statusOf(() => scopedFilters({ from: '2026-02-30' }, operator))).toBe(400);
  });
});
