/**
 * Which waves a trip holds: the next wave(s) not yet released that include the overloaded municipality,
 * or, for a union rule, the next wave(s) overall. "Next" is the earliest mail date; waves sharing it are
 * all held (they would land on the same days).
 *
 * Not yet released means `planned` or `approved`. A wave already `held` is not held again; if the earliest
 * wave is already held, nothing more is held (the one after it cannot go before it is resumed anyway, and a
 * hold is for the supervisor to lift, not to pile up). Released, writing, done and cancelled waves are past
 * holding by the guard: their forms are on their way or will never be.
 */
import type { IsoDate } from '@wavedesk/forecast';
import type { GuardDecision } from './guard-decision';

export interface WaveCandidate {
  id: string;
  status: string;
  mailDate: IsoDate;
  municipalityCodes: readonly string[];
}

const NOT_RELEASED = new Set(['planned', 'approved', 'held']);

export function wavesToHold<W extends WaveCandidate>(decision: Pick<GuardDecision, 'scope' | 'municipalityCode'> & { trip?: true }, waves: readonly W[]): W[] {
  if (!('trip' in decision) || decision.trip !== true) return [];
  const code = decision.scope === 'municipality' ? decision.municipalityCode : undefined;
  if (decision.scope === 'municipality' && code === undefined) return [];
  const candidates = waves.filter((w) => NOT_RELEASED.has(w.status) && (code === undefined || w.municipalityCodes.includes(code)));
  if (candidates.length === 0) return [];
  let next = candidates[0].mailDate;
  for (const w of candidates) if (w.mailDate < next) next = w.mailDate;
  return candidates.filter((w) => w.mailDate === next && w.status !== 'held');
}
