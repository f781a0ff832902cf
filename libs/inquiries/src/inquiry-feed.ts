import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { LIVE_EVENTS, UNION_ROOM, batchRoom, eachInquiryRoom, municipalityRoom, type InquiryRecord } from '@wavedesk/contracts';
import { LivePublisher } from '@wavedesk/live';
import { Coalescer } from './coalescer';

/** Stored inquiries go out in one `inquiries:logged` message per room per 100 ms at most. */
export const INQUIRY_BATCH_INTERVAL_MS = 100;

/**
 * Pushes inquiries live. Each one goes out at once as `inquiry:logged` to `union` and its municipality's
 * room, for the clients that did not ask for batches (the stable interface). Clients that did (the web app)
 * get them batched: the first inquiry after a quiet spell goes out at once; those stored within the next
 * 100 ms are gathered into one `inquiries:logged` message (an array of records, oldest first) to the
 * `union` batch room, and one to each municipality's batch room with that municipality's records.
 * A burst of 2,000 inquiries a second so costs each of hundreds of union dashboards ten socket writes a
 * second instead of 2,000, and the API one Redis publish per room per batch (sent in one pipelined write)
 * instead of one per inquiry. A handled inquiry goes to both rooms at once as `inquiry:handled`.
 */
@Injectable()
export class InquiryFeed implements OnModuleDestroy {
  private pending: InquiryRecord[] = [];
  private readonly batches: Coalescer;

  constructor(private readonly publisher: LivePublisher) {
    this.batches = new Coalescer(async () => this.flush(), { intervalMs: INQUIRY_BATCH_INTERVAL_MS, now: () => performance.now() });
  }

  logged(record: InquiryRecord): void {
    this.publisher.emit([eachInquiryRoom(UNION_ROOM), eachInquiryRoom(municipalityRoom(record.municipalityCode))], LIVE_EVENTS.inquiryLogged, record);
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
    const byMunicipality = new Map<string, InquiryRecord[]>();
    for (const record of records) {
      const list = byMunicipality.get(record.municipalityCode);
      if (list) list.push(record);
      else byMunicipality.set(record.municipalityCode, [record]);
    }
    this.publisher.emit(batchRoom(UNION_ROOM), LIVE_EVENTS.inquiriesLogged, records);
    for (const [code, list] of byMunicipality) this.publisher.emit(batchRoom(municipalityRoom(code)), LIVE_EVENTS.inquiriesLogged, list);
  }
}
