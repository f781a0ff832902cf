/**
 * Asked before a wave is released (approved → released). The load guard binds one that runs its capacity
 * check first (docs/guard.md §5); libs/mailing knows only this hook. The default lets every release through.
 */
export abstract class ReleaseGate {
  /** null: go ahead; otherwise the Japanese reason the release is refused (409 `release_held`). */
  abstract beforeRelease(waveId: number): Promise<string | null>;
}

export class OpenReleaseGate extends ReleaseGate {
  async beforeRelease(): Promise<string | null> {
    return null;
  }
}
