import { describe, expect, it } from '@jest/globals';
import { MAILING_TABS, tabFor } from './mailing-tabs';

describe('mailing tabs', () => {
  it('opens the tab named in the address, or the first visible one', () => {
    expect(tabFor('waves', MAILING_TABS)).toBe('waves');
    expect(tabFor('nonsense', MAILING_TABS)).toBe('campaigns');
    expect(tabFor(null, MAILING_TABS)).toBe('campaigns');
    const supervisor = MAILING_TABS.filter((t) => !t.adminOnly);
    expect(supervisor.map((t) => t.label)).toEqual(['送付事業・発送回', '突合', '試算', '分散発送']);
    expect(tabFor('imports', supervisor)).toBe('campaigns');
  });
});
