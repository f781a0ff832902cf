import type { ServerClockView } from '@wavedesk/contracts';

/** What the page last heard of the server's clock, and when (browser time). */
export interface ClockSample {
  view: ServerClockView;
  receivedAt: number;
}

/** Past this the page stops extrapolating the simulated time and waits for the next report. */
const MAX_EXTRAPOLATION_MS = 2_000;

/**
 * The server's "now" as of `realNow`: the browser's clock normally; while a simulation runs, the last
 * simulated instant the server reported, moved on at its rate for at most two seconds (the next report
 * comes every half second; nights and weekends are skipped by the server, not guessed here).
 */
export function serverNow(sample: ClockSample | null, realNow = Date.now()): Date {
  if (!sample || sample.view.simulationId === null) return new Date(realNow);
  const elapsed = Math.min(Math.max(0, realNow - sample.receivedAt), MAX_EXTRAPOLATION_MS);
  return new Date(Date.parse(sample.view.now) + elapsed * sample.view.rate);
}
