import { describe, expect, it } from '@jest/globals';
import { auditRangeError, EMPTY_FILTER, toAuditFilters } from './audit-query';

describe('audit filters', () => {
  it('leaves out empty fields', () => {
    expect(toAuditFilters({ ...EMPTY_FILTER, actor: '  ' })).toEqual({
      action: undefined, actor: undefined, target: undefined, from: undefined, to: undefined, success: undefined,
    });
  });

  it('sends both days inclusive, as Japan-time instants (to is exclusive at the API)', () => {
    const filters = toAuditFilters({ ...EMPTY_FILTER, action: 'auth.', fromDay: '2022-02-15', toDay: '2022-02-15', result: 'failure' });
    expect(filters).toMatchObject({ action: 'auth.', from: '2022-02-15T00:00:00+09:00', to: '2022-02-16T00:00:00+09:00', success: false });
  });

  it('refuses a backwards range with a sentence', () => {
    expect(auditRangeError({ ...EMPTY_FILTER, fromDay: '2022-02-16', toDay: '2022-02-15' })).toMatch(/終了日/);
    expect(auditRangeError({ ...EMPTY_FILTER, fromDay: '2022-02-15', toDay: '2022-02-15' })).toBeUndefined();
  });
});
