/** socket.io namespace and rooms for live dashboards. */
export const LIVE_NAMESPACE = '/live';
export const UNION_ROOM = 'union';
export const municipalityRoom = (code: string): string => `municipality:${code}`;

/** Event names pushed on `/live`. Payload types live beside the feature that emits them. */
export const LIVE_EVENTS = {
  hello: 'hello',
  inquiryLogged: 'inquiry:logged',
  loadUpdate: 'load:update',
  waveStatus: 'wave:status',
  guardAlert: 'guard:alert',
  importProgress: 'import:progress',
  matchProgress: 'match:progress',
  forecastUpdate: 'forecast:update',
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
