import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { LIVE_EVENTS, UNION_ROOM, municipalityRoom } from '@wavedesk/contracts';
import { Clock } from '@wavedesk/common';
import { LivePublisher } from '@wavedesk/live';
import { Coalescer } from './coalescer';
import { msUntilNextJstHour } from './jst.util';
import { LoadService } from './load.service';
import { municipalityUpdate, unionUpdate } from './load-report.util';
import { LoadUpdateGate } from './load-update-gate';

/** At most two `load:update` per second per room. */
export const LOAD_UPDATE_INTERVAL_MS = 500;

/**
 * Pushes `load:update` after inquiries are stored, coalesced: however many arrive, each room gets at most
 * one update per 500 ms, and one more after the last inquiry with the final counts. Every update reads the
 * counts from the database, so it is right whichever API process stored the inquiries. The `union` room
 * gets the whole of Hokkaido; `municipality:<code>` only its own municipality, and only when it changed.
 * At each full JST hour every room gets one update, since "this hour" starts again at zero.
 */
@Injectable()
export class LoadBroadcaster implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('LoadBroadcaster');
  private readonly coalescer: Coalescer;
  private changed = new Set<string>();
  private allChanged = false;
  private hourTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly load: LoadService,
    private readonly publisher: LivePublisher,
    private readonly gate: LoadUpdateGate,
    private readonly clock: Clock,
  ) {
    this.coalescer = new Coalescer(() => this.broadcast(), {
      intervalMs: LOAD_UPDATE_INTERVAL_MS,
      now: () => Date.now(),
      gate: () => this.gate.acquire(LOAD_UPDATE_INTERVAL_MS),
      onError: (error) => this.logger.warn(`load:update failed: ${(error as Error)?.message ?? error}`),
    });
  }

  onModuleInit(): void {
    this.scheduleHourTick();
  }

  onApplicationShutdown(): void {
    this.coalescer.close();
    if (this.hourTimer) clearTimeout(this.hourTimer);
  }

  /** An inquiry of this municipality was stored. */
  inquiryStored(municipalityCode: string): void {
    this.changed.add(municipalityCode);
    this.coalescer.request();
  }

  private scheduleHourTick(): void {
    this.hourTimer = setTimeout(() => {
      this.allChanged = true;
      this.coalescer.request();
      this.scheduleHourTick();
    }, msUntilNextJstHour(this.clock.now()) + 50);
    this.hourTimer.unref();
  }

  private async broadcast(): Promise<void> {
    // Take the changes first: whatever is stored while the query runs is counted in the next update.
    const changed = this.changed;
    const all = this.allChanged;
    this.changed = new Set();
    this.allChanged = false;
    let report;
    try {
      report = await this.load.today();
    } catch (error) {
      for (const code of changed) this.changed.add(code);
      this.allChanged ||= all;
      throw error;
    }
    this.publisher.emit(UNION_ROOM, LIVE_EVENTS.loadUpdate, unionUpdate(report));
    const codes = all ? report.municipalities.map((m) => m.municipalityCode) : changed;
    for (const code of codes) {
      const update = municipalityUpdate(report, code);
      if (update) this.publisher.emit(municipalityRoom(code), LIVE_EVENTS.loadUpdate, update);
    }
  }
}
