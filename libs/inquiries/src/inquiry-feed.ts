import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { LIVE_EVENTS, UNION_ROOM, batchRoom, eachInquiryRoom, municipalityRoom, type InquiryRecord } from '@wavedesk/contracts';
import { LiveFanOut, LivePublisher } from '@wavedesk/live';
import { Coalescer } from './coalescer';

/** Stored inquiries go out in one `inquiries:logged` message per room per 100 ms at most. */
export const INQUIRY_BATCH_INTERVAL_MS = 100;
/** The channel on which an API process hands its stored inquiries to the others (see LiveFanOut). */
export const INQUIRIES_RELAY = 'wavedesk:inquiries';

/**
 * Pushes inquiries live. Clients that did not ask for batches get one `inquiry:logged` per inquiry in the
 * each-inquiry rooms of `union` and its municipality (the stable interface); clients that did (the web app)
 * get them batched: the first inquiry after a quiet spell goes out at once; those stored within the next
 * 100 ms are gathered into one `inquiries:logged` message (an array of records, oldest first) to the `union`
 * batch room, and one to each municipality's batch room with that municipality's records.
 * Each API process writes only to its own sockets: the process that stored the inquiries sends its own
 * clients each one at once and each batch, and hands each batch to the other processes in one Redis message,
 * where the same batch and its single events go to their clients. A burst of 2,000 inquiries a second so
 * costs each of hundreds of union dashboards ten socket writes a second instead of 2,000, and the API ten
 * Redis messages a second instead of one per inquiry and per municipality. A handled inquiry goes to both
 * rooms at once as `inquiry:handled`.
 */
@Injectable()
export class InquiryFeed implements OnModuleDestroy {
  private pending: InquiryRecord[] = [];
  private readonly batches: Coalescer;

  constructor(private readonly live: LiveFanOut, private readonly publisher: LivePublisher) {
    this.batches = new Coalescer(async () => this.flush(), { intervalMs: INQUIRY_BATCH_INTERVAL_MS, now: () => performance.now() });
    live.onRelay<InquiryRecord[]>(INQUIRIES_RELAY, (records) => {
      for (const record of records) this.sendAlone(record);
      this.sendBatches(records);
    });
  }

  logged(record: InquiryRecord): void {
    this.sendAlone(record);
    this.pending.push(record);
    this.batches.request();
  }

  handled(record: InquiryRecord): void {
    this.publisher.emit([UNION_ROOM, municipalityRoom(record.municipalityCode)], LIVE_EVENTS.inquiryHandled, record);
  }

  /** The last batch goes out while the socket.io server and its Redis clients are still open. */
  onModuleDestroy(): void {
    this.batches.close();
    this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const records = this.pending;
    this.pending = [];
    this.sendBatches(records);
    this.live.relay(INQUIRIES_RELAY, records);
  }

  private sendAlone(record: InquiryRecord): void {
    this.live.emitHere([eachInquiryRoom(UNION_ROOM), eachInquiryRoom(municipalityRoom(record.municipalityCode))], LIVE_EVENTS.inquiryLogged, record);
  }

  private sendBatches(records: InquiryRecord[]): void {
    const byMunicipality = new Map<string, InquiryRecord[]>();
    for (const record of records) {
      const list = byMunicipality.get(record.municipalityCode);
      if (list) list.push(record);
      else byMunicipality.set(record.municipalityCode, [record]);
    }
    this.live.emitHere([batchRoom(UNION_ROOM)], LIVE_EVENTS.inquiriesLogged, records);
    for (const [code, list] of byMunicipality) this.live.emitHere([batchRoom(municipalityRoom(code))], LIVE_EVENTS.inquiriesLogged, list);
  }
}
