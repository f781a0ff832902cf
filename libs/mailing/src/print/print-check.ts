/**
 * A dry run of the print data for a whole wave, before anything is released: the caller sees every
 * placeholder, malformed value, duplicate and 外字 (character Shift_JIS cannot hold) at once and decides —
 * refuse the release, fix the data, or agree substitution / 外字 glyphs with the contractor — instead of
 * finding them one unit at a time. Issues carry the unit and row (never the value).
 */
import { checkPrintRow, newPrintRowCheckState, type PrintDataIssue, unmappableIssues } from './print-csv';
import type { ReleaseUnit } from './release-units';
import { MAX_REPORTED_ISSUES } from './print-unit-writer';

export interface UnitPrintDataIssue extends PrintDataIssue {
  unit: number;
}

export interface PrintDataCheck {
  forms: number;
  placeholders: number;
  /** All issues found (the list below stops at {@link MAX_REPORTED_ISSUES}). */
  issueCount: number;
  /** Counted by kind, so a summary can say "外字 12 文字, プレースホルダ 0 件". */
  counts: Record<PrintDataIssue['code'], number>;
  issues: UnitPrintDataIssue[];
}

/**
 * Checks the units of a wave as the writer would. Duplicates are checked across the whole wave.
 * `placeholders: 'allow'` leaves placeholders out of the issues (they are still counted).
 */
export function checkReleaseUnits(units: readonly ReleaseUnit[], options: { placeholders?: 'refuse' | 'allow' } = {}): PrintDataCheck {
  const state = newPrintRowCheckState();
  const allowPlaceholders = options.placeholders === 'allow';
  const result: PrintDataCheck = {
    forms: 0,
    placeholders: 0,
    issueCount: 0,
    counts: { invalid_value: 0, duplicate: 0, placeholder: 0, unmappable_character: 0 },
    issues: [],
  };
  for (const unit of units) {
    unit.targets.forEach((target, index) => {
      const row = index + 1;
      const { fields, found } = checkPrintRow(target, row, state, allowPlaceholders);
      found.push(...unmappableIssues(fields, row));
      result.forms++;
      for (const issue of found) {
        result.issueCount++;
        result.counts[issue.code]++;
        if (result.issues.length < MAX_REPORTED_ISSUES) result.issues.push({ unit: unit.unit, ...issue });
      }
    });
  }
  result.placeholders = state.placeholders;
  return result;
}
