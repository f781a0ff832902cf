import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import { LIVE_EVENTS, LIVE_NAMESPACE, type LiveEventName, type LiveHello } from '@wavedesk/contracts';

/**
 * - `connecting`: first connection attempt
 * - `connected`: authenticated; live events arrive
 * - `reconnecting`: the connection dropped; socket.io is retrying
 * - `refused`: the server refused the token (the session is over)
 */
export type LiveStatus = 'connecting' | 'connected' | 'reconnecting' | 'refused';

export interface LiveConnection {
  status: LiveStatus;
  /** What the server said on connect: who we are and which rooms we joined. */
  hello: LiveHello | null;
  socket: Socket | null;
}

const LiveContext = createContext<LiveConnection>({ status: 'connecting', hello: null, socket: null });

/** How long to wait before connecting again after the server itself closed the connection. */
const SERVER_CLOSE_RETRY_MS = 3_000;

/**
 * One socket.io connection to the `/live` namespace for the signed-in user, authenticated with the same
 * token as the API. socket.io reconnects by itself after a network drop; when the server closes the
 * connection (e.g. it restarted) we connect again after a pause, unless it refused the token.
 */
export function LiveProvider({ token, onRefused, children }: { token: string; onRefused?: () => void; children: ReactNode }) {
  const [connection, setConnection] = useState<LiveConnection>({ status: 'connecting', hello: null, socket: null });
  const onRefusedRef = useRef(onRefused);
  onRefusedRef.current = onRefused;

  useEffect(() => {
    const socket = io(LIVE_NAMESPACE, { auth: { token, batch: true }, reconnectionDelayMax: 10_000 });
    let refused = false;
    let retry: number | undefined;
    const update = (status: LiveStatus, hello?: LiveHello | null) =>
      setConnection((prev) => ({ status, socket, hello: hello === undefined ? prev.hello : hello }));

    setConnection({ status: 'connecting', hello: null, socket });
    socket.on(LIVE_EVENTS.hello, (hello: LiveHello) => update('connected', hello));
    socket.on('error', (error: { code?: string } | undefined) => {
      if (error?.code === 'unauthorized') refused = true;
    });
    socket.on('disconnect', (reason) => {
      if (refused) {
        update('refused', null);
        onRefusedRef.current?.();
        return;
      }
      update('reconnecting');
      // 'io server disconnect' is the one reason socket.io does not retry by itself.
      if (reason === 'io server disconnect') retry = window.setTimeout(() => socket.connect(), SERVER_CLOSE_RETRY_MS);
    });
    socket.on('connect_error', () => update('reconnecting'));

    return () => {
      window.clearTimeout(retry);
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [token]);

  return <LiveContext value={connection}>{children}</LiveContext>;
}

/** The live connection's state, for indicators. */
export function useLiveConnection(): LiveConnection {
  return useContext(LiveContext);
}

/**
 * Calls `handler` for each `name` event pushed on `/live` while the component is mounted. The handler may
 * change on every render; the subscription stays.
 *
 * `inquiry:logged` handlers get one record at a time: the app connects with `batch: true`, so the server
 * sends it new inquiries batched as `inquiries:logged` (an array, at most one message per room per 100 ms);
 * a single `inquiry:logged` is handled the same way.
 */
export function useLiveEvent<T = unknown>(name: LiveEventName, handler: (payload: T) => void): void {
  const { socket } = useLiveConnection();
  const handlerRef = useRef(handler);
  handlerRef.current = handler;
  useEffect(() => {
    if (!socket) return;
    const listener = (payload: T) => handlerRef.current(payload);
    socket.on(name, listener);
    const batchListener = (records: T[]) => records.forEach(listener);
    if (name === LIVE_EVENTS.inquiryLogged) socket.on(LIVE_EVENTS.inquiriesLogged, batchListener);
    return () => {
      socket.off(name, listener);
      socket.off(LIVE_EVENTS.inquiriesLogged, batchListener);
    };
  }, [socket, name]);
}
