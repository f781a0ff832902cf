import type { InquiryRecord } from '@wavedesk/contracts';
import type { LivePublisher } from '@wavedesk/live';
import { InquiryFeed } from './inquiry-feed';

const record = (id: number, municipalityCode: string) => ({ id, municipalityCode }) as InquiryRecord;

describe('InquiryFeed', () => {
  let sent: Array<{ rooms: string | string[]; event: string; ids: number[] }>;
  let single: Array<{ rooms: string | string[]; id: number }>;
  const batches = () => sent.filter((m) => m.event === 'inquiries:logged');
  let feed: InquiryFeed;
  beforeEach(() => {
    jest.useFakeTimers();
    sent = [];
    single = [];
    const publisher = {
      emit: (rooms: string | string[], event: string, payload: InquiryRecord | InquiryRecord[]) => {
        if (event === 'inquiry:logged') single.push({ rooms, id: (payload as InquiryRecord).id });
        else sent.push({ rooms, event, ids: (Array.isArray(payload) ? payload : [payload]).map((r) => r.id) });
      },
    } as LivePublisher;
    feed = new InquiryFeed(publisher);
  });
  afterEach(() => {
    feed.onModuleDestroy();
    jest.useRealTimers();
  });

  it('sends every inquiry at once as inquiry:logged to the each-inquiry rooms of union and its municipality', async () => {
    feed.logged(record(1, '011002'));
    feed.logged(record(2, '012025'));
    expect(single).toEqual([
      { rooms: ['union#each', 'municipality:011002#each'], id: 1 },
      { rooms: ['union#each', 'municipality:012025#each'], id: 2 },
    ]);
  });

  it('sends batching clients the first inquiry at once, then the next ones in one message per room per 100 ms', async () => {
    feed.logged(record(1, '011002'));
    await jest.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([
      { rooms: 'union#batch', event: 'inquiries:logged', ids: [1] },
      { rooms: 'municipality:011002#batch', event: 'inquiries:logged', ids: [1] },
    ]);
    sent = [];
    feed.logged(record(2, '011002'));
    feed.logged(record(3, '012025'));
    feed.logged(record(4, '011002'));
    await jest.advanceTimersByTimeAsync(99);
    expect(sent).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([
      { rooms: 'union#batch', event: 'inquiries:logged', ids: [2, 3, 4] },
      { rooms: 'municipality:011002#batch', event: 'inquiries:logged', ids: [2, 4] },
      { rooms: 'municipality:012025#batch', event: 'inquiries:logged', ids: [3] },
    ]);
  });

  it('sends what is left when the module stops, and a handled inquiry at once to both rooms', async () => {
    feed.logged(record(1, '011002'));
    await jest.advanceTimersByTimeAsync(0);
    feed.logged(record(2, '011002'));
    feed.handled(record(1, '011002'));
    expect(sent.at(-1)).toEqual({ rooms: ['union', 'municipality:011002'], event: 'inquiry:handled', ids: [1] });
    feed.onModuleDestroy();
    expect(batches().filter((m) => m.rooms === 'union#batch').map((m) => m.ids)).toEqual([[1], [2]]);
  });
});
