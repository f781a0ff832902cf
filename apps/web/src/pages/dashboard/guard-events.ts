import type { GuardAlert, GuardEventView } from '../../api/guard-types';

/**
 * The open guard events after a `guard:alert`: a trip (or an acknowledge / keep-holding) replaces or adds
 * the event, a resume removes it. Newest first.
 */
export function applyGuardAlert(list: readonly GuardEventView[], alert: GuardAlert): GuardEventView[] {
  const rest = list.filter((e) => e.id !== alert.event.id);
  if (alert.event.status === 'resumed') return rest;
  return [alert.event, ...rest].sort((a, b) => b.id - a.id);
}

/** What a supervisor may still do with an event. */
export function guardActions(e: GuardEventView): { acknowledge: boolean; keepHolding: boolean; resume: boolean } {
  const open = e.status === 'holding';
  return { acknowledge: open && e.acknowledged === null, keepHolding: open && e.keptHolding === null && e.resumeMode === 'auto', resume: open };
}

/** 「自動で再開」 or 「手動で再開」, and who kept it holding. */
export function resumeModeText(e: GuardEventView): string {
  if (e.keptHolding) return `保留を続ける（${e.keptHolding.by}）— 再開は手動`;
  return e.resumeMode === 'auto' ? '負荷が下がれば自動で再開' : '再開は手動（理由が必要）';
}
