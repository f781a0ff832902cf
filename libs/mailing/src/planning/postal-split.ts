/**
 * Splitting a municipality too large for one wave into pieces ("chunks") along its postal groups:
 * contiguous runs of groups in address order, of about equal targets, so that each wave of 札幌市 covers
 * a connected range of postal prefixes (001–004, 005–060, …) that the print contractor and the ward
 * offices can name.
 */
import type { PlanningMunicipality, PostalGroup } from './planning.types';

/** A piece of one municipality's targets, mailed together. */
export interface Chunk {
  /** The municipality's index in the planning input. */
  row: number;
  code: string;
  forms: number;
  /** The groups of this piece, or undefined when the municipality is mailed whole. */
  postalGroupKeys?: string[];
}

/**
 * Up to `pieces` contiguous runs of about equal targets. Each group goes to the run its middle target
 * falls in (so the cuts land nearest to 1/k, 2/k, … of the targets); runs without targets are dropped
 * into their neighbour, so fewer runs come back when the groups are too few or too uneven.
 */
export function contiguousRuns(groups: readonly PostalGroup[], pieces: number): PostalGroup[][] {
  const total = groups.reduce((s, g) => s + g.targets, 0);
  if (pieces <= 1 || total === 0 || groups.length <= 1) return groups.length > 0 ? [[...groups]] : [];
  const runs: PostalGroup[][] = Array.from({ length: pieces }, () => []);
  let before = 0;
  for (const g of groups) {
    const middle = before + g.targets / 2;
    runs[Math.min(pieces - 1, Math.floor((middle * pieces) / total))].push(g);
    before += g.targets;
  }
  const merged: PostalGroup[][] = [];
  for (const run of runs) {
    if (run.length === 0) continue;
    const previous = merged[merged.length - 1];
    if (previous && run.every((g) => g.targets === 0)) previous.push(...run);
    else merged.push(run);
  }
  if (merged.length > 1 && merged[0].every((g) => g.targets === 0)) merged.splice(0, 2, [...merged[0], ...merged[1]]);
  return merged;
}

/** The most pieces a municipality can be split into: one per postal group with targets (1 without groups). */
export function maxPieces(m: PlanningMunicipality): number {
  const withTargets = (m.postalGroups ?? []).filter((g) => g.targets > 0).length;
  return Math.max(1, withTargets);
}

/** The chunks of one municipality when asked for `pieces` pieces (fewer when its groups do not allow more). */
export function chunksOf(m: PlanningMunicipality, row: number, pieces: number): Chunk[] {
  const groups = m.postalGroups ?? [];
  if (pieces <= 1 || groups.length <= 1) return [{ row, code: m.code, forms: m.targets }];
  const runs = contiguousRuns(groups, pieces);
  if (runs.length <= 1) return [{ row, code: m.code, forms: m.targets }];
  return runs.map((run) => ({
    row,
    code: m.code,
    forms: run.reduce((s, g) => s + g.targets, 0),
    postalGroupKeys: run.map((g) => g.key),
  }));
}
