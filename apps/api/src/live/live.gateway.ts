import { Logger } from '@nestjs/common';
import { type OnGatewayConnection, type OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { LIVE_EVENTS, LIVE_NAMESPACE, type AuthUser, type LiveHello, UNION_ROOM, batchRoom, eachInquiryRoom, municipalityRoom } from '@wavedesk/contracts';
import { AuthService } from '@wavedesk/auth';
import { LivePublisher, SocketServerPublisher } from '@wavedesk/live';

/** Rooms a user may join: union roles see all of Hokkaido; a municipal user only their municipality. */
export function roomsFor(user: AuthUser): string[] {
  if (user.role === 'municipal') return user.municipalityCode ? [municipalityRoom(user.municipalityCode)] : [];
  return [UNION_ROOM];
}

/**
 * socket.io namespace `/live`: authenticates each client with the same token as the API (`auth: { token }`)
 * and joins it to the rooms its role allows, and beside each its batch room when it asks for batches
 * (`auth: { batch: true }`), else its each-inquiry room (see batchRoom). It publishes nothing itself; code emits through
 * LivePublisher.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE, cors: { origin: true } })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger('Live');

  constructor(private readonly auth: AuthService, private readonly publisher: LivePublisher) {}

  afterInit(namespace: Namespace): void {
    if (this.publisher instanceof SocketServerPublisher) this.publisher.attach(namespace);
  }

  async handleConnection(client: Socket): Promise<void> {
    const token = typeof client.handshake.auth?.token === 'string' ? client.handshake.auth.token : null;
    const user = token ? await this.auth.verify(token) : null;
    if (!user) {
      client.emit('error', { code: 'unauthorized', message: 'ログインが必要です。' });
      client.disconnect(true);
      return;
    }
    client.data.user = user;
    const rooms = roomsFor(user);
    const batched = client.handshake.auth?.batch === true;
    const join = (names: string[]) => client.join([...names, ...names.map(batched ? batchRoom : eachInquiryRoom)]);
    await join(rooms);
    // A municipal user may also ask for a municipality room explicitly, but only their own.
    client.on('subscribe', async (code: unknown) => {
      if (typeof code !== 'string') return;
      if (user.role !== 'municipal' || user.municipalityCode === code) await join([municipalityRoom(code)]);
    });
    const hello: LiveHello = { username: user.username, role: user.role, rooms };
    client.emit(LIVE_EVENTS.hello, hello);
    this.logger.debug(`live client ${client.id} joined ${rooms.join(', ')}`);
  }
}
