/** socket.io namespace and rooms for live dashboards. */
export const LIVE_NAMESPACE = '/live';
export const UNION_ROOM = 'union';
export const municipalityRoom = (code: string): string => `municipality:${code}`;
/**
 * Beside each room of theirs, a client joins one more: clients that connect with `auth: { token, batch:
 * true }` (the web app, busy dashboards) its batch room, where new inquiries come as `inquiries:logged`
 * batches; every other client its each-inquiry room, where they come one `inquiry:logged` per stored
 * inquiry, as DESIGN.md specifies. An inquiry so costs the server a look at the few clients that want it
 * alone, not at every dashboard in `union`.
 */
export const batchRoom = (room: string): string => `${room}#batch`;
export const eachInquiryRoom = (room: string): string => `${room}#each`;

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
