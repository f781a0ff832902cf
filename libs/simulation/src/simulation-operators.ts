import { randomBytes } from 'node:crypto';
import type { AuthUser } from '@wavedesk/contracts';
import type { UsersService } from '@wavedesk/auth';

const CLIENT = 'simulation';

/**
 * The simulated operators: users with the `operator` role that the run creates, who sign in and log
 * inquiries through the real HTTP API (`POST /api/inquiries` with an Idempotency-Key), exactly like the
 * desk. They are disabled when the run ends.
 */
export class SimulationOperators {
  private readonly members: Array<{ id: number; token: string }> = [];

  constructor(private readonly baseUrl: string, private readonly users: UsersService, private readonly actor: AuthUser) {}

  async enlist(simulationId: number, count: number): Promise<void> {
    for (let n = 1; n <= count; n++) {
      const username = `sim${simulationId}-op${n}`;
      const password = randomBytes(18).toString('base64url');
      const user = await this.users.create({ username, password, role: 'operator' }, this.actor, CLIENT);
      const res = await fetch(`${this.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (!res.ok) throw new Error(`simulated operator could not sign in (HTTP ${res.status})`);
      const body = (await res.json()) as { accessToken: string };
      this.members.push({ id: user.id, token: body.accessToken });
    }
  }

  get size(): number {
    return this.members.length;
  }

  /** Logs one inquiry as operator `index`; true when the API stored it (201). */
  async log(index: number, idempotencyKey: string, body: Record<string, unknown>): Promise<boolean> {
    const member = this.members[index % this.members.length];
    try {
      const res = await fetch(`${this.baseUrl}/api/inquiries`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${member.token}`, 'idempotency-key': idempotencyKey },
        body: JSON.stringify(body),
      });
      await res.arrayBuffer();
      return res.status === 201;
    } catch {
      return false;
    }
  }

  /** The run is over: its operators can no longer sign in. */
  async dismiss(): Promise<void> {
    for (const m of this.members) await this.users.update(m.id, { disabled: true }, this.actor, CLIENT).catch(() => undefined);
  }
}
