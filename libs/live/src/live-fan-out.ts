import type { LiveEventName } from '@wavedesk/contracts';

/**
 * For events that each API process writes to its own sockets: a burst of them crosses to the other
 * processes as one message, and a process writes only to rooms that have sockets in it. `LivePublisher.emit`
 * instead sends every event through Redis to every process, listeners or not, which is right for rare events
 * and too dear for one per inquiry at a thousand inquiries a second.
 */
export abstract class LiveFanOut {
  /** Emits to this process's sockets in `rooms`; costs nothing when none of them has a socket here. */
  abstract emitHere(rooms: string[], event: LiveEventName, payload: unknown): void;
  /** Hands `payload` to the `onRelay` handler of `channel` in every other API process (one Redis message). */
  abstract relay(channel: string, payload: unknown): void;
  abstract onRelay<T>(channel: string, handler: (payload: T) => void): void;
}
