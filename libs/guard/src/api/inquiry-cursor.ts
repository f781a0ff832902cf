/**
 * Which stored inquiries the guard has fed. Auto-increment ids can commit out of order (id 41 visible
 * before id 40, whose insert is still committing), so the cursor is the highest id read plus the ids
 * below it not seen yet (`gaps`). A gap is looked for again at each evaluation and given up after
 * `graceMs` of real time (an insert that failed also uses up an id). Plain data, stored with the state.
 */
export interface InquiryGap {
  id: number;
  /** When the gap was first noticed (real time, ms): a database commit's delay, not the business clock. */
  since: number;
}

export interface InquiryCursor {
  lastId: number;
  gaps: InquiryGap[];
}

export const GAP_GRACE_MS = 5_000;
/** More missing ids than this at once are not tracked (a bulk delete, a restored backup). */
const MAX_GAPS = 1_000;

/**
 * The cursor after reading `ids` (ascending; every id read, new ones and gaps found) at `nowMs`.
 */
export function advanceCursor(cursor: InquiryCursor, ids: readonly number[], nowMs: number, graceMs = GAP_GRACE_MS): InquiryCursor {
  const seen = new Set(ids);
  const gaps = cursor.gaps.filter((g) => !seen.has(g.id) && nowMs - g.since < graceMs);
  let expected = cursor.lastId + 1;
  for (const id of ids) {
    if (id < expected) continue;
    for (let g = expected; g < id && gaps.length < MAX_GAPS; g++) gaps.push({ id: g, since: nowMs });
    expected = id + 1;
  }
  return { lastId: expected - 1, gaps };
}
