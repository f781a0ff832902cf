import type { InquiryRecord } from '@wavedesk/contracts';
import type { LiveFanOut, LivePublisher } from '@wavedesk/live';
import { InquiryFeed } from './inquiry-feed';

const record = (id: number, municipalityCode: string) => ({ id, municipalityCode }) as InquiryRecord;

describe('InquiryFeed', () => {
  let sent: Array<{ rooms: string | string[]; event: string; ids: number[] }>;
  let single: Array<{ rooms: string | string[]; id: number }>;
  let relayed: Array<{ channel: string; ids: number[] }>;
  let relayHandler: (records: InquiryRecord[]) => void;
  const batches = () => sent.filter((m) => m.event === 'inquiries:logged');
  let feed: InquiryFeed;
  beforeEach(() => {
    jest.useFakeTimers();
    sent = [];
    single = [];
    relayed = [];
    const emit = (rooms: string | string[], event: string, payload: InquiryRecord | InquiryRecord[]) => {
      if (event === 'inquiry:logged') single.push({ rooms, id: (payload as InquiryRecord).id });
      else sent.push({ rooms: Array.isArray(rooms) && rooms.length === 1 ? rooms[0] : rooms, event, ids: (Array.isArray(payload) ? payload : [payload]).map((r) => r.id) });
    };
    const live: LiveFanOut = {
      emitHere: emit,
      relay: (channel: string, records: unknown) => relayed.push({ channel, ids: (records as InquiryRecord[]).map((r) => r.id) }),
      onRelay: <T>(_channel: string, handler: (payload: T) => void) => (relayHandler = handler as unknown as typeof relayHandler),
    };
    feed = new InquiryFeed(live, { emit } as LivePublisher);
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

  it('hands each batch to the other API processes once, and sends what another process hands it to its own clients', async () => {
    feed.logged(record(1, '011002'));
    await jest.advanceTimersByTimeAsync(0);
    feed.logged(record(2, '011002'));
    feed.logged(record(3, '012025'));
    await jest.advanceTimersByTimeAsync(100);
    expect(relayed).toEqual([{ channel: 'wavedesk:inquiries', ids: [1] }, { channel: 'wavedesk:inquiries', ids: [2, 3] }]);

    sent = [];
    single = [];
    relayHandler([record(7, '012025'), record(8, '011002')]);
    expect(single.map((s) => s.id)).toEqual([7, 8]);
    expect(batches()).toEqual([
      { rooms: 'union#batch', event: 'inquiries:logged', ids: [7, 8] },
      { rooms: 'municipality:012025#batch', event: 'inquiries:logged', ids: [7] },
      { rooms: 'municipality:011002#batch', event: 'inquiries:logged', ids: [8] },
    ]);
    expect(relayed).toHaveLength(2); // what came from another process is not handed on again
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
