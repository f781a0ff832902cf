import type { LiveEventName } from '@wavedesk/contracts';

/**
 * The one way code publishes live events. In the API it goes through the socket.io server (and its Redis
 * adapter to the other API processes); in the worker through a Redis emitter. Nothing else imports the gateway.
 */
export abstract class LivePublisher {
  abstract emit(rooms: string | string[], event: LiveEventName, payload: unknown): void;
}

/** For code that runs where no live channel exists (CLI, some tests): events go nowhere. */
export class NullLivePublisher extends LivePublisher {
  emit(): void {}
}

/**
 * The Redis channel prefix that the API's socket.io adapter and the worker's emitter share. It follows
 * QUEUE_PREFIX, so that two wavedesk installations (or test runs) on one Redis never see each other's events.
 */
export const liveChannelKey = (prefix: string): string => `${prefix}:socket.io`;
