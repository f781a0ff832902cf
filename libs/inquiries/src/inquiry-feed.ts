import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { LIVE_EVENTS, UNION_ROOM, municipalityRoom, type InquiryRecord } from '@wavedesk/contracts';
import { LivePublisher } from '@wavedesk/live';
import { Coalescer } from './coalescer';

/** The `union` room gets stored inquiries in one `inquiries:logged` message per 100 ms at most. */
export const UNION_BATCH_INTERVAL_MS = 100;

/**
 * Pushes inquiries live. `municipality:<code>` gets each new inquiry as `inquiry:logged` at once (a handful
 * of counter staff). The `union` room — every dashboard and desk of the union, hundreds of sockets — gets
 * them batched: the first inquiry after a quiet spell goes out at once, later ones are gathered into one
 * `inquiries:logged` message (an array of records, oldest first) per 100 ms, so a burst of 2,000 inquiries a
 * second costs ten socket writes per dashboard instead of 2,000. A handled inquiry goes to both rooms as
 * `inquiry:handled`.
 */
@Injectable()
export class InquiryFeed implements OnApplicationShutdown {
  private pending: InquiryRecord[] = [];
  private readonly unionBatches: Coalescer;

  constructor(private readonly publisher: LivePublisher) {
    this.unionBatches = new Coalescer(async () => this.flush(), { intervalMs: UNION_BATCH_INTERVAL_MS, now: () => performance.now() });
  }

  logged(record: InquiryRecord): void {
    this.publisher.emit(municipalityRoom(record.municipalityCode), LIVE_EVENTS.inquiryLogged, record);
    this.pending.push(record);
    this.unionBatches.request();
  }

  handled(record: InquiryRecord): void {
    this.publisher.emit([UNION_ROOM, municipalityRoom(record.municipalityCode)], LIVE_EVENTS.inquiryHandled, record);
  }

  onApplicationShutdown(): void {
    this.unionBatches.close();
    this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const records = this.pending;
    this.pending = [];
    this.publisher.emit(UNION_ROOM, LIVE_EVENTS.inquiriesLogged, records);
  }
}
