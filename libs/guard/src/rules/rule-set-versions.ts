/**
 * Versions of edited rules: an administrator sends the whole rule set; a rule whose content changed gets
 * the next version of its id, an unchanged rule keeps its version, a new rule starts at 1 (or after the
 * highest version its id ever had, so a removed and re-added rule never reuses a version).
 */
import type { GuardRule } from './guard-rule';

const sameContent = (a: GuardRule, b: GuardRule): boolean =>
  JSON.stringify(sortKeys({ ...a, version: 0 })) === JSON.stringify(sortKeys({ ...b, version: 0 }));

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v as object).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  }
  return v;
}

/** The rules to store: each with the version it gets. `highest` is the highest version each id ever had. */
export function versionRules(sent: readonly GuardRule[], current: readonly GuardRule[], highest: ReadonlyMap<string, number> = new Map()): GuardRule[] {
  const before = new Map(current.map((r) => [r.id, r]));
  return sent.map((r) => {
    const old = before.get(r.id);
    if (old && sameContent(old, r)) return { ...r, version: old.version } as GuardRule;
    const top = Math.max(old?.version ?? 0, highest.get(r.id) ?? 0);
    return { ...r, version: top + 1 } as GuardRule;
  });
}

/** Whether anything in the set changed (a PUT that changes nothing stores no new version). */
export function ruleSetChanged(next: readonly GuardRule[], current: readonly GuardRule[]): boolean {
  return JSON.stringify(sortKeys(next)) !== JSON.stringify(sortKeys(current));
}
