/**
 * evaluatePlan: the forecast load a plan causes, day by day, against every capacity — each municipality's
 * busiest day against its counter, the union's busiest day against the call center, each wave against the
 * most forms a wave may hold — and what is exceeded, in Japanese sentences.
 *
 * Used for the planner's answer, for the UI timeline, and after every hand edit (move, merge, split).
 * The loads are the forecast library's (checked against ForecastModel.forecast in the tests).
 */
import { arrivalOrdinal, LoadGrid, loadRatio } from './load-grid';
import { checkPlanContext, checkWaves, resolvePlanOptions } from './plan-input';
import { municipalityMessage, planSummary, unionMessage, waveFormsMessage } from './plan-messages';
import type { LoadPeak, MunicipalityLoad, PlanContext, PlanEvaluation, ProposedWave, Violation } from './planning.types';

/** A load counts as over capacity only beyond this (absolute, inquiries a day): rounding noise is not an excess. */
export const EXCESS_TOLERANCE = 1e-9;

/** Checks the plan (every target exactly once, known municipalities and groups), then measures it. */
export function evaluatePlan(waves: readonly ProposedWave[], context: PlanContext): PlanEvaluation {
  checkPlanContext(context);
  checkWaves(waves, context);
  return measurePlan(waves, context);
}

/** The measurement alone, for callers that built the plan themselves (the planner). */
export function measurePlan(waves: readonly ProposedWave[], context: PlanContext): PlanEvaluation {
  const { model, municipalities } = context;
  const codes = municipalities.map((m) => m.code);
  const rowOf = new Map(codes.map((code, i) => [code, i]));
  const pieces = [
    ...waves.flatMap((w) => w.members.map((m) => ({ row: rowOf.get(m.code) ?? -1, forms: m.targets, mailDate: w.mailDate }))),
    ...(context.existingWaves ?? []).map((w) => ({ row: rowOf.get(w.municipalityCode) ?? -1, forms: w.forms, mailDate: w.mailDate })),
  ].map((p) => ({ ...p, arrival: arrivalOrdinal(model, p.mailDate) }));

  const grid = LoadGrid.covering(model, codes.length, pieces.map((p) => p.arrival));
  for (const p of pieces) grid.add(p.row, p.forms, p.arrival);
  const dates = Array.from({ length: grid.days }, (_, d) => model.calendar.dateOfOrdinal(grid.firstOrdinal + d));

  const violations: Violation[] = [];
  const loads: MunicipalityLoad[] = municipalities.map((m, row) => {
    const name = m.name ?? m.code;
    const values = grid.rows.subarray(row * grid.days, (row + 1) * grid.days);
    const { peak, daysOver } = peakOf(values, m.counterCapacityPerDay, dates);
    if (daysOver > 0) {
      const v = { date: peak.date!, load: peak.load, capacity: peak.capacity, excess: peak.excess, daysOver };
      violations.push({ kind: 'municipality', code: m.code, ...v, message: municipalityMessage(name, v) });
    }
    return { code: m.code, name, ...peak };
  });

  const { peak: union, daysOver: unionDaysOver } = peakOf(grid.union, context.callCenterCapacityPerDay, dates);
  if (unionDaysOver > 0) {
    const v = { date: union.date!, load: union.load, capacity: union.capacity, excess: union.excess, daysOver: unionDaysOver };
    violations.push({ kind: 'union', ...v, message: unionMessage(v) });
  }

  const maxForms = resolvePlanOptions(context.options).maxFormsPerWave;
  for (const w of waves) {
    if (w.forms <= maxForms) continue;
    const v = { date: w.mailDate, load: w.forms, capacity: maxForms, excess: w.forms - maxForms, daysOver: 1 };
    violations.push({ kind: 'waveForms', seq: w.seq, ...v, message: waveFormsMessage(w.seq, v) });
  }
  violations.sort((a, b) => loadRatio(b.load, b.capacity) - loadRatio(a.load, a.capacity));

  const binding = bindingConstraint(loads, union);
  const tightest =
    binding.kind === 'union'
      ? { label: 'コールセンター', peak: union }
      : { label: `${loads.find((l) => l.code === binding.code)!.name}の窓口`, peak: loads.find((l) => l.code === binding.code)! };
  const summary = planSummary({
    municipalityCount: municipalities.length,
    forms: waves.reduce((s, w) => s + w.forms, 0),
    waveCount: waves.length,
    violations,
    tightest,
  });

  return {
    fits: violations.length === 0,
    violations,
    summary,
    dates,
    municipalityCodes: codes,
    daily: grid.rows,
    unionDaily: grid.union,
    municipalities: loads,
    union,
    binding,
  };
}

/** The busiest day of one series against its capacity, and on how many days the capacity is exceeded. */
function peakOf(values: Float64Array, capacity: number, dates: readonly string[]): { peak: LoadPeak; daysOver: number } {
  let day = -1;
  let load = 0;
  let daysOver = 0;
  for (let d = 0; d < values.length; d++) {
    if (values[d] > load) {
      load = values[d];
      day = d;
    }
    if (values[d] > capacity + EXCESS_TOLERANCE) daysOver++;
  }
  const over = load > capacity + EXCESS_TOLERANCE;
  return {
    peak: { date: day < 0 ? null : dates[day], load, capacity, ratio: loadRatio(load, capacity), excess: over ? load - capacity : 0 },
    daysOver,
  };
}

function bindingConstraint(loads: readonly MunicipalityLoad[], union: LoadPeak): PlanEvaluation['binding'] {
  let binding: PlanEvaluation['binding'] = { kind: 'union', ratio: union.ratio };
  for (const l of loads) {
    if (l.ratio > binding.ratio) binding = { kind: 'municipality', code: l.code, ratio: l.ratio };
  }
  return binding;
}
