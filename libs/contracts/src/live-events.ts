/** socket.io namespace and rooms for live dashboards. */
export const LIVE_NAMESPACE = '/live';
export const UNION_ROOM = 'union';
export const municipalityRoom = (code: string): string => `municipality:${code}`;

/** Event names pushed on `/live`. Payload types live beside the feature that emits them. */
export const LIVE_EVENTS = {
  hello: 'hello',
  /**
   * One new inquiry (`InquiryRecord`). The server sends new inquiries batched as `inquiries:logged`; the web
   * app's `useLiveEvent(inquiryLogged)` hands them to pages one record at a time.
   */
  inquiryLogged: 'inquiry:logged',
  /** New inquiries (`InquiryRecord[]`, oldest first) to `union` and to each one's municipality room; at most one message per room per 100 ms. */
  inquiriesLogged: 'inquiries:logged',
  /** A referred inquiry marked handled (`InquiryRecord`), to `union` and its municipality's room. */
  inquiryHandled: 'inquiry:handled',
  loadUpdate: 'load:update',
  waveStatus: 'wave:status',
  guardAlert: 'guard:alert',
  importProgress: 'import:progress',
  matchProgress: 'match:progress',
  forecastUpdate: 'forecast:update',
  test: 'test:ping',
} as const;
export type LiveEventName = (typeof LIVE_EVENTS)[keyof typeof LIVE_EVENTS];

/** Sent to a client right after it authenticated: who it is and which rooms it joined. */
export interface LiveHello {
  username: string;
  role: string;
  rooms: string[];
}
