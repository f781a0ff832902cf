/** socket.io namespace and rooms for live dashboards. */
export const LIVE_NAMESPACE = '/live';
export const UNION_ROOM = 'union';
export const municipalityRoom = (code: string): string => `municipality:${code}`;
/**
 * Clients that connect with `auth: { token, batch: true }` (the web app, busy dashboards) join this room
 * and, beside each room of theirs, its batch room: they get new inquiries only as `inquiries:logged`
 * batches. Every other client gets one `inquiry:logged` per stored inquiry, as DESIGN.md specifies.
 */
export const BATCHED_CLIENTS_ROOM = 'batched';
export const batchRoom = (room: string): string => `${room}#batch`;

/** Event names pushed on `/live`. Payload types live beside the feature that emits them. */
export const LIVE_EVENTS = {
  hello: 'hello',
  /**
   * One new inquiry (`InquiryRecord`), to `union` and its municipality's room, for every client that did not
   * ask for batches. The web app asks for batches; its `useLiveEvent(inquiryLogged)` hands them to pages one
   * record at a time.
   */
  inquiryLogged: 'inquiry:logged',
  /**
   * New inquiries (`InquiryRecord[]`, oldest first) for clients that connected with `batch: true`: to the
   * batch rooms of `union` and of each one's municipality; at most one message per room per 100 ms.
   */
  inquiriesLogged: 'inquiries:logged',
  /** A referred inquiry marked handled (`InquiryRecord`), to `union` and its municipality's room. */
  inquiryHandled: 'inquiry:handled',
  loadUpdate: 'load:update',
  waveStatus: 'wave:status',
  guardAlert: 'guard:alert',
  importProgress: 'import:progress',
  matchProgress: 'match:progress',
  forecastUpdate: 'forecast:update',
  /** The roster of operators on duty changed (`RosterUpdate`), to `union`. */
  rosterUpdate: 'roster:update',
  simulationProgress: 'simulation:progress',
  test: 'test:ping',
} as const;
export type LiveEventName = (typeof LIVE_EVENTS)[keyof typeof LIVE_EVENTS];

/** Sent to a client right after it authenticated: who it is and which rooms it joined. */
export interface LiveHello {
  username: string;
  role: string;
  rooms: string[];
}
