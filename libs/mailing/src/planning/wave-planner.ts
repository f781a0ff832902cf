/**
 * planWaves: proposes dispersed waves (分散発送) for a batch so that, by the forecast, no municipality's
 * busiest day exceeds its counter capacity and the union's busiest day stays within the call center's.
 *
 *   1. Wave dates: as many as the window allows (at most `maxWaves`, at least `minSpacingBusinessDays`
 *      apart), spread evenly over its business days.
 *   2. Pieces: a municipality is split along its postal groups when it alone would be larger than an
 *      average wave, larger than `maxFormsPerWave`, or its counter would overflow even with one wave.
 *   3. Assignment: greedy then local improvement (wave-assignment.ts).
 *   4. If something is still exceeded, the municipality concerned (or, for the union, the one with the
 *      largest pieces) is split one piece further and step 3 runs again; the best plan found is kept.
 *   5. If no plan fits, the report says what is exceeded, when and by how much, and how many more
 *      business days the window would need.
 */
import type { ForecastModel, IsoDate } from '@wavedesk/forecast';
import { measurePlan } from './evaluate-plan';
import { arrivalOrdinal, LoadGrid } from './load-grid';
import { checkPlanInput, resolvePlanOptions, type ResolvedPlanOptions } from './plan-input';
import { windowExtensionSentence, withWindowSentence } from './plan-messages';
import type { PlanEvaluation, PlanInput, PlannedWaves, PlanOptions, PlanningMunicipality, ProposedWave, WaveMember, WindowExtension } from './planning.types';
import { chunksOf, maxPieces, type Chunk } from './postal-split';
import { assignChunks, isBetter } from './wave-assignment';

/** Rounds of "split further and assign again" at most. */
const MAX_SPLIT_ROUNDS = 16;
/** …and stop earlier once splitting further has not given a better plan twice in a row. */
const MAX_ROUNDS_WITHOUT_GAIN = 2;
/** The longest window extension tried when no plan fits (about three months). */
export const MAX_WINDOW_EXTENSION_BUSINESS_DAYS = 60;

export function planWaves(input: PlanInput): PlannedWaves {
  checkPlanInput(input);
  const plan = planWithin(input, input.mailTo);
  if (plan.evaluation.fits) return { waves: plan.waves, evaluation: plan.evaluation, windowExtension: null };

  const windowExtension = findWindowExtension(input);
  const sentence = windowExtensionSentence(windowExtension.extraBusinessDays, windowExtension.mailTo, MAX_WINDOW_EXTENSION_BUSINESS_DAYS);
  return { waves: plan.waves, evaluation: withWindowSentence(plan.evaluation, sentence), windowExtension };
}

/** The mail dates of the waves: evenly spread over the window's business days, first day first. */
export function waveDates(model: ForecastModel, mailFrom: IsoDate, mailTo: IsoDate, planOptions: PlanOptions = {}): IsoDate[] {
  const options = resolvePlanOptions(planOptions);
  const days = model.calendar.businessDaysInRange(mailFrom, mailTo);
  const count = Math.min(options.maxWaves, Math.floor((days.length - 1) / options.minSpacingBusinessDays) + 1);
  if (count <= 1) return days.slice(0, 1);
  return Array.from({ length: count }, (_, i) => days[Math.round((i * (days.length - 1)) / (count - 1))]);
}

interface Attempt {
  waves: ProposedWave[];
  evaluation: PlanEvaluation;
}

/** The best plan for the window ending on `mailTo`, splitting further while that helps. */
function planWithin(input: PlanInput, mailTo: IsoDate): Attempt {
  const { model, municipalities } = input;
  const options = resolvePlanOptions(input.options);
  const dates = waveDates(model, input.mailFrom, mailTo, input.options);
  const pieces = initialPieces(model, municipalities, dates.length, options);

  let best: Attempt | undefined;
  let roundsWithoutGain = 0;
  for (let round = 0; round < MAX_SPLIT_ROUNDS && roundsWithoutGain < MAX_ROUNDS_WITHOUT_GAIN; round++) {
    const chunks = municipalities.flatMap((m, row) => chunksOf(m, row, pieces[row])).filter((c) => c.forms > 0);
    const slotOf = assignChunks({
      grid: gridWithExistingLoad(input, dates),
      chunks,
      slotArrivals: dates.map((d) => arrivalOrdinal(model, d)),
      counterCapacity: municipalities.map((m) => m.counterCapacityPerDay),
      unionCapacity: input.callCenterCapacityPerDay,
      maxFormsPerWave: options.maxFormsPerWave,
    });
    const waves = toWaves(municipalities, chunks, slotOf, dates);
    const attempt = { waves, evaluation: measurePlan(waves, { ...input, mailTo }) };
    if (!best || isBetter(planScore(attempt), planScore(best))) {
      best = attempt;
      roundsWithoutGain = 0;
    } else {
      roundsWithoutGain++;
    }
    if (attempt.evaluation.fits || !splitFurther(municipalities, pieces, attempt.evaluation, dates.length)) break;
  }
  return best!;
}

/** Fits first, then the lowest highest load ratio, then the lowest union peak. */
function planScore(a: Attempt): number[] {
  const worstWave = Math.max(0, ...a.evaluation.violations.filter((v) => v.kind === 'waveForms').map((v) => v.excess));
  return [a.evaluation.fits ? 0 : 1, worstWave, a.evaluation.binding.ratio, a.evaluation.union.load];
}

/**
 * How many pieces each municipality starts with: enough that no piece is larger than an average wave or
 * the per-wave maximum, and that one piece's busiest day fits the counter — within what its postal groups
 * and the number of waves allow.
 */
function initialPieces(model: ForecastModel, municipalities: readonly PlanningMunicipality[], waveCount: number, options: ResolvedPlanOptions): number[] {
  const total = municipalities.reduce((s, m) => s + m.targets, 0);
  const averageWave = total > 0 ? total / waveCount : Number.POSITIVE_INFINITY;
  const peakPerForm = model.parameters.inquiryRate * model.curve.peakShare;
  return municipalities.map((m) => {
    const wanted = Math.max(
      1,
      Math.ceil(m.targets / averageWave),
      Number.isFinite(options.maxFormsPerWave) ? Math.ceil(m.targets / options.maxFormsPerWave) : 1,
      m.counterCapacityPerDay > 0 ? Math.ceil((m.targets * peakPerForm) / m.counterCapacityPerDay) : waveCount,
    );
    return Math.min(wanted, waveCount, maxPieces(m));
  });
}

/**
 * One more piece for each municipality whose counter is exceeded; for the union or an oversized wave,
 * one more for the municipality with the largest pieces. False when nothing can be split further.
 */
function splitFurther(municipalities: readonly PlanningMunicipality[], pieces: number[], evaluation: PlanEvaluation, waveCount: number): boolean {
  const limit = (row: number) => Math.min(waveCount, maxPieces(municipalities[row]));
  const rowOf = new Map(municipalities.map((m, row) => [m.code, row]));
  const grow = (row: number): boolean => {
    const before = chunksOf(municipalities[row], row, pieces[row]).length;
    for (let k = pieces[row] + 1; k <= limit(row); k++) {
      if (chunksOf(municipalities[row], row, k).length > before) {
        pieces[row] = k;
        return true;
      }
    }
    return false;
  };

  let changed = false;
  for (const v of evaluation.violations) {
    if (v.kind === 'municipality') changed = grow(rowOf.get(v.code!)!) || changed;
  }
  if (evaluation.violations.some((v) => v.kind !== 'municipality')) {
    const bySize = municipalities
      .map((m, row) => ({ row, size: m.targets / chunksOf(m, row, pieces[row]).length }))
      .sort((a, b) => b.size - a.size);
    for (const { row } of bySize) {
      if (grow(row)) {
        changed = true;
        break;
      }
    }
  }
  return changed;
}

/** A grid over every day the plan's waves and the existing waves cause load on, holding the existing load. */
function gridWithExistingLoad(input: PlanInput, dates: readonly IsoDate[]): LoadGrid {
  const { model, municipalities } = input;
  const rowOf = new Map(municipalities.map((m, row) => [m.code, row]));
  const existing = (input.existingWaves ?? []).map((w) => ({ row: rowOf.get(w.municipalityCode) ?? -1, forms: w.forms, arrival: arrivalOrdinal(model, w.mailDate) }));
  const arrivals = [...dates.map((d) => arrivalOrdinal(model, d)), ...existing.map((w) => w.arrival)];
  const grid = LoadGrid.covering(model, municipalities.length, arrivals);
  for (const w of existing) grid.add(w.row, w.forms, w.arrival);
  return grid;
}

/**
 * The waves in date order, without empty slots. A municipality's pieces that share a wave become one
 * member; a member names its postal groups only when it does not hold all of them.
 */
function toWaves(municipalities: readonly PlanningMunicipality[], chunks: readonly Chunk[], slotOf: readonly number[], dates: readonly IsoDate[]): ProposedWave[] {
  const bySlotAndRow = new Map<string, Chunk[]>();
  chunks.forEach((c, i) => {
    const key = `${slotOf[i]}/${c.row}`;
    bySlotAndRow.set(key, [...(bySlotAndRow.get(key) ?? []), c]);
  });
  const waves: ProposedWave[] = [];
  dates.forEach((mailDate, slot) => {
    const members: WaveMember[] = [];
    municipalities.forEach((m, row) => {
      const mine = bySlotAndRow.get(`${slot}/${row}`);
      if (!mine) return;
      const targets = mine.reduce((s, c) => s + c.forms, 0);
      const keys = mine.flatMap((c) => c.postalGroupKeys ?? []);
      const whole = keys.length === 0 || keys.length === (m.postalGroups ?? []).length;
      members.push(whole ? { code: m.code, targets } : { code: m.code, targets, postalGroupKeys: keys });
    });
    if (members.length > 0) {
      waves.push({ seq: waves.length + 1, mailDate, members, forms: members.reduce((s, m) => s + m.targets, 0) });
    }
  });
  return waves;
}

/**
 * How many business days after `mailTo` the window would have to run for a plan to fit: the longest
 * extension first (if even that fails, null), then halving the gap.
 */
function findWindowExtension(input: PlanInput): WindowExtension {
  const cal = input.model.calendar;
  const fitsWith = (extra: number) => planWithin(input, cal.addBusinessDays(input.mailTo, extra)).evaluation.fits;
  let high = MAX_WINDOW_EXTENSION_BUSINESS_DAYS;
  if (!fitsWith(high)) return { extraBusinessDays: null, mailTo: null };
  let low = 0;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (fitsWith(mid)) high = mid;
    else low = mid;
  }
  return { extraBusinessDays: high, mailTo: cal.addBusinessDays(input.mailTo, high) };
}
