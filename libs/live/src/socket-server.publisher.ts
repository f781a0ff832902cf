import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import type { LiveEventName } from '@wavedesk/contracts';
import { LivePublisher } from './live-publisher';

/** Publishes through the API's own socket.io server, which the gateway attaches once it is up. */
@Injectable()
export class SocketServerPublisher extends LivePublisher {
  private namespace: Namespace | null = null;

  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  emit(rooms: string | string[], event: LiveEventName, payload: unknown): void {
    if (!this.namespace) return;
    this.namespace.to(rooms).emit(event, payload);
  }
}
