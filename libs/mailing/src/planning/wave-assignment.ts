/**
 * Putting chunks on wave dates ("slots") so that the tightest capacity is as loose as possible.
 *
 * A plan is scored, best first, by
 *   1. forms above the per-wave maximum (0 when every wave is small enough),
 *   2. the highest load ratio — busiest day / capacity — over every municipality's counter and the union's
 *      call center,
 *   3. the union's busiest day, so that spare capacity is still used to flatten the union's peak.
 *
 * Step 1, greedy: the chunks, largest first, each go to the slot where the load it adds is best by that
 * score (only its own municipality and the union change).
 * Step 2, local improvement: look at what binds — the tightest municipality's chunks and the chunks that
 * feed the union's busiest day — and make the single move of one chunk to another slot that improves the
 * score most; repeat until no move helps.
 *
 * Each trial is one pass over the days of the incremental load grid, so 179 municipalities over a month
 * of slots take milliseconds.
 */
import { loadRatio, type LoadGrid } from './load-grid';
import type { Chunk } from './postal-split';

export interface AssignmentProblem {
  /** Holds the existing waves' load; the chunks' load is added to it. */
  grid: LoadGrid;
  chunks: readonly Chunk[];
  /** Arrival ordinal of each slot's mail date. */
  slotArrivals: readonly number[];
  /** Counter capacity per grid row (municipality). */
  counterCapacity: readonly number[];
  unionCapacity: number;
  /** Infinity for no limit. */
  maxFormsPerWave: number;
}

/** Moves tried at most in the improvement step (it normally stops far earlier). */
const MAX_MOVES = 1_000;

/** The slot of each chunk. The problem's grid ends up holding the assigned load. */
export function assignChunks(p: AssignmentProblem): number[] {
  const slotOf = new Array<number>(p.chunks.length).fill(-1);
  const slotForms = new Array<number>(p.slotArrivals.length).fill(0);
  placeGreedily(p, slotOf, slotForms);
  improveByMoves(p, slotOf, slotForms);
  return slotOf;
}

function placeGreedily(p: AssignmentProblem, slotOf: number[], slotForms: number[]): void {
  const order = p.chunks.map((_, i) => i).sort((a, b) => p.chunks[b].forms - p.chunks[a].forms || p.chunks[a].code.localeCompare(p.chunks[b].code));
  for (const c of order) {
    const chunk = p.chunks[c];
    let best = -1;
    let bestScore: number[] = [];
    p.slotArrivals.forEach((arrival, s) => {
      const unionPeak = p.grid.trialPeak(-1, chunk.forms, null, arrival).load;
      const ratio = Math.max(
        loadRatio(p.grid.trialPeak(chunk.row, chunk.forms, null, arrival).load, p.counterCapacity[chunk.row]),
        loadRatio(unionPeak, p.unionCapacity),
      );
      const overflow = Math.max(0, slotForms[s] + chunk.forms - p.maxFormsPerWave);
      const score = [overflow, ratio, unionPeak, slotForms[s]];
      if (best < 0 || isBetter(score, bestScore)) {
        best = s;
        bestScore = score;
      }
    });
    slotOf[c] = best;
    slotForms[best] += chunk.forms;
    p.grid.add(chunk.row, chunk.forms, p.slotArrivals[best]);
  }
}

function improveByMoves(p: AssignmentProblem, slotOf: number[], slotForms: number[]): void {
  const rowRatio = p.counterCapacity.map((cap, row) => loadRatio(p.grid.peak(row).load, cap));
  const overflowOf = (forms: number) => Math.max(0, forms - p.maxFormsPerWave);

  for (let move = 0; move < MAX_MOVES; move++) {
    const unionPeak = p.grid.peak(-1);
    const top = topTwo(rowRatio);
    const totalOverflow = slotForms.reduce((s, f) => s + overflowOf(f), 0);
    const current = [totalOverflow, Math.max(top.first, loadRatio(unionPeak.load, p.unionCapacity)), unionPeak.load];

    let best: { chunk: number; slot: number; score: number[]; rowRatio: number } | undefined;
    for (const c of candidateChunks(p, slotOf, slotForms, top.row, unionPeak.day)) {
      const chunk = p.chunks[c];
      const from = slotOf[c];
      const others = chunk.row === top.row ? top.second : top.first;
      for (let s = 0; s < p.slotArrivals.length; s++) {
        if (s === from) continue;
        const [a, b] = [p.slotArrivals[from], p.slotArrivals[s]];
        const newRowRatio = loadRatio(p.grid.trialPeak(chunk.row, chunk.forms, a, b).load, p.counterCapacity[chunk.row]);
        const newUnion = p.grid.trialPeak(-1, chunk.forms, a, b).load;
        const overflow =
          totalOverflow - overflowOf(slotForms[from]) - overflowOf(slotForms[s]) +
          overflowOf(slotForms[from] - chunk.forms) + overflowOf(slotForms[s] + chunk.forms);
        const score = [overflow, Math.max(others, newRowRatio, loadRatio(newUnion, p.unionCapacity)), newUnion];
        if (isBetter(score, best?.score ?? current)) best = { chunk: c, slot: s, score, rowRatio: newRowRatio };
      }
    }
    if (!best) return;

    const chunk = p.chunks[best.chunk];
    const from = slotOf[best.chunk];
    p.grid.add(chunk.row, chunk.forms, p.slotArrivals[from], -1);
    p.grid.add(chunk.row, chunk.forms, p.slotArrivals[best.slot], 1);
    slotForms[from] -= chunk.forms;
    slotForms[best.slot] += chunk.forms;
    slotOf[best.chunk] = best.slot;
    rowRatio[chunk.row] = best.rowRatio;
  }
}

/**
 * The chunks whose move can help: those of the tightest municipality, those feeding the union's busiest
 * day (arrived on or before it), and those in a wave above the forms limit.
 */
function candidateChunks(p: AssignmentProblem, slotOf: readonly number[], slotForms: readonly number[], tightRow: number, unionPeakDay: number): number[] {
  const peakOrdinal = p.grid.firstOrdinal + unionPeakDay;
  const out: number[] = [];
  p.chunks.forEach((chunk, c) => {
    const slot = slotOf[c];
    const feedsUnionPeak = unionPeakDay >= 0 && p.slotArrivals[slot] <= peakOrdinal;
    if (chunk.row === tightRow || feedsUnionPeak || slotForms[slot] > p.maxFormsPerWave) out.push(c);
  });
  return out;
}

function topTwo(values: readonly number[]): { first: number; second: number; row: number } {
  let first = 0;
  let second = 0;
  let row = -1;
  values.forEach((v, i) => {
    if (v > first) {
      second = first;
      first = v;
      row = i;
    } else if (v > second) {
      second = v;
    }
  });
  return { first, second, row };
}

/** Lexicographic "a is better than b", ignoring differences at the level of rounding noise. */
export function isBetter(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const tolerance = 1e-9 * (Number.isFinite(b[i]) ? Math.max(1, Math.abs(b[i])) : 1);
    if (a[i] < b[i] - tolerance) return true;
    if (a[i] > b[i] + tolerance) return false;
  }
  return false;
}
