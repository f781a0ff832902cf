import type { AuditFilters } from '../../api';
import { startOfDayInJapan, startOfNextDayInJapan } from '../../format';

/** What the user typed, before it becomes the API's filters. Dates are days in Japan, both inclusive. */
export interface AuditFilterInput {
  action: string;
  actor: string;
  target: string;
  fromDay: string;
  toDay: string;
  result: '' | 'success' | 'failure';
}

export const EMPTY_FILTER: AuditFilterInput = { action: '', actor: '', target: '', fromDay: '', toDay: '', result: '' };

export function toAuditFilters(input: AuditFilterInput): AuditFilters {
  return {
    action: input.action.trim() || undefined,
    actor: input.actor.trim() || undefined,
    target: input.target.trim() || undefined,
    from: input.fromDay ? startOfDayInJapan(input.fromDay) : undefined,
    to: input.toDay ? startOfNextDayInJapan(input.toDay) : undefined,
    success: input.result === '' ? undefined : input.result === 'success',
  };
}

/** A sentence for the 終了日 field when the range is backwards, else undefined. */
export function auditRangeError(input: AuditFilterInput): string | undefined {
  return input.fromDay && input.toDay && input.fromDay > input.toDay
    ? '終了日は開始日と同じか、それより後の日付を指定してください。'
    : undefined;
}
