import type { InquiryRecord } from '@wavedesk/contracts';
import type { LivePublisher } from '@wavedesk/live';
import { InquiryFeed } from './inquiry-feed';

const record = (id: number, municipalityCode: string) => ({ id, municipalityCode }) as InquiryRecord;

describe('InquiryFeed', () => {
  let sent: Array<{ rooms: string | string[]; event: string; ids: number[] }>;
  let feed: InquiryFeed;
  beforeEach(() => {
    jest.useFakeTimers();
    sent = [];
    const publisher = {
      emit: (rooms: string | string[], event: string, payload: InquiryRecord | InquiryRecord[]) =>
        sent.push({ rooms, event, ids: (Array.isArray(payload) ? payload : [payload]).map((r) => r.id) }),
    } as LivePublisher;
    feed = new InquiryFeed(publisher);
  });
  afterEach(() => {
    feed.onModuleDestroy();
    jest.useRealTimers();
  });

  it('sends the first inquiry at once, then gathers the next ones into one message per room per 100 ms', async () => {
    feed.logged(record(1, '011002'));
    await jest.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([
      { rooms: 'union', event: 'inquiries:logged', ids: [1] },
      { rooms: 'municipality:011002', event: 'inquiries:logged', ids: [1] },
    ]);
    sent = [];
    feed.logged(record(2, '011002'));
    feed.logged(record(3, '012025'));
    feed.logged(record(4, '011002'));
    await jest.advanceTimersByTimeAsync(99);
    expect(sent).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([
      { rooms: 'union', event: 'inquiries:logged', ids: [2, 3, 4] },
      { rooms: 'municipality:011002', event: 'inquiries:logged', ids: [2, 4] },
      { rooms: 'municipality:012025', event: 'inquiries:logged', ids: [3] },
    ]);
  });

  it('sends what is left when the module stops, and a handled inquiry at once to both rooms', async () => {
    feed.logged(record(1, '011002'));
    await jest.advanceTimersByTimeAsync(0);
    feed.logged(record(2, '011002'));
    feed.handled(record(1, '011002'));
    expect(sent.at(-1)).toEqual({ rooms: ['union', 'municipality:011002'], event: 'inquiry:handled', ids: [1] });
    feed.onModuleDestroy();
    expect(sent.filter((m) => m.rooms === 'union').map((m) => m.ids)).toEqual([[1], [2]]);
  });
});
