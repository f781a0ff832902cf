import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { ReleaseGate } from '../../../mailing/src/api/release-gate';
import type { GuardEngine } from './guard-engine.service';

/**
 * Before a wave is released the guard runs its capacity check (docs/guard.md §5): if the check holds that
 * wave, the release is refused with the hold's reason. A check that fails (database trouble) lets the
 * release through and logs it: the guard protects the desk, it must not stop the mail by breaking.
 */
export class GuardReleaseGate extends ReleaseGate {
  private readonly logger = new Logger('Guard');

  constructor(
    private readonly engine: GuardEngine,
    private readonly dataSource: DataSource,
  ) {
    super();
  }

  async beforeRelease(waveId: number): Promise<string | null> {
    try {
      await this.engine.evaluateNow({ capacity: true });
    } catch (error) {
      this.logger.error(`capacity check before releasing wave ${waveId} failed, release goes ahead: ${(error as Error).message}`);
      return null;
    }
    const [wave]: Array<{ status: string; heldReason: string | null }> = await this.dataSource.query('SELECT status, heldReason FROM waves WHERE id = ?', [waveId]);
    return wave?.status === 'held' ? (wave.heldReason ?? '負荷監視がこの波を保留しました。') : null;
  }
}
