import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { RELEASE_CONFIG, type ReleaseConfig } from '../../../libs/mailing/src/release/release-config';
import { ReleaseScheduler } from '../../../libs/mailing/src/release/release-scheduler.service';

/**
 * Runs the release scheduler every RELEASE_TICK_MS in the worker. Ticks never overlap; a tick that fails
 * (Redis or the database away) is simply tried again at the next one — the database keeps the state.
 */
@Injectable()
export class ReleaseTick implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReleaseTick');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;

  constructor(private readonly scheduler: ReleaseScheduler, @Inject(RELEASE_CONFIG) private readonly config: ReleaseConfig) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.runOnce(), this.config.tickMs);
    this.timer.unref();
    void this.runOnce();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async runOnce(): Promise<void> {
    if (this.running) return;
    this.running = this.scheduler
      .tick()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.warn(`release tick failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.running = null;
      });
    await this.running;
  }
}
