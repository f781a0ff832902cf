import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { Adapter } from 'socket.io-adapter';
import type { LiveEventName } from '@wavedesk/contracts';
import { LiveFanOut } from './live-fan-out';
import { LivePublisher } from './live-publisher';

/**
 * Publishes through the API's own socket.io server, which the gateway attaches once it is up: `emit` to
 * every process's sockets through the Redis adapter, and the fan-out (`emitHere`, `relay`) with which each
 * process serves its own sockets. `relay` uses socket.io's server-side emit, which only a shared adapter
 * (Redis) carries; without one this process is the only one and there is nobody to relay to.
 */
@Injectable()
export class SocketServerPublisher extends LivePublisher implements LiveFanOut {
  private namespace: Namespace | null = null;
  private readonly relayHandlers = new Map<string, (payload: unknown) => void>();

  attach(namespace: Namespace): void {
    this.namespace = namespace;
    for (const [channel, handler] of this.relayHandlers) namespace.on(channel, handler);
  }

  emit(rooms: string | string[], event: LiveEventName, payload: unknown): void {
    if (!this.namespace) return;
    this.namespace.to(rooms).emit(event, payload);
  }

  emitHere(rooms: string[], event: LiveEventName, payload: unknown): void {
    if (!this.namespace) return;
    const here = this.namespace.adapter.rooms;
    if (rooms.some((room) => here.has(room))) this.namespace.local.to(rooms).emit(event, payload);
  }

  relay(channel: string, payload: unknown): void {
    const namespace = this.namespace;
    if (!namespace || namespace.adapter.serverSideEmit === Adapter.prototype.serverSideEmit) return;
    namespace.serverSideEmit(channel, payload);
  }

  onRelay<T>(channel: string, handler: (payload: T) => void): void {
    this.relayHandlers.set(channel, handler as (payload: unknown) => void);
    this.namespace?.on(channel, handler);
  }
}
