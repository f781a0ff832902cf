import type { CallerType, InquiryChannel, InquiryOutcome } from '../../api';

/**
 * The desk's keyboard shortcuts, active while the focus is not in a text field. Keys are read by their
 * position (`KeyboardEvent.code`), so they work whatever the keyboard layout or input mode:
 * one keyboard row per choice, digits for categories.
 *
 *   Q W E      受付方法     電話 / 来庁 / その他
 *   A S D F    問い合わせ者 本人 / 家族 / 施設職員 / その他
 *   Z X C      対応結果     解決 / 市町村へ引継 / 折り返し要
 *   1 … 9, 0   分類 (the first ten categories in display order)
 *   M          メモ (opens the optional details and puts the cursor in the note)
 */
export const CHANNEL_KEYS: Record<InquiryChannel, string> = { phone: 'Q', visit: 'W', other: 'E' };
export const CALLER_TYPE_KEYS: Record<CallerType, string> = { self: 'A', family: 'S', facility_staff: 'D', other: 'F' };
export const OUTCOME_KEYS: Record<InquiryOutcome, string> = { resolved: 'Z', referred: 'X', callback: 'C' };

/** The key shown for the category at `index` in display order: 1 … 9, then 0; none after the tenth. */
export const categoryKey = (index: number): string | null => (index < 9 ? String(index + 1) : index === 9 ? '0' : null);

export type DeskKeyAction =
  | { kind: 'category'; index: number }
  | { kind: 'channel'; value: InquiryChannel }
  | { kind: 'callerType'; value: CallerType }
  | { kind: 'outcome'; value: InquiryOutcome }
  | { kind: 'note' };

const invert = <T extends string>(keys: Record<T, string>): Map<string, T> =>
  new Map((Object.entries(keys) as Array<[T, string]>).map(([value, key]) => [`Key${key}`, value]));
const CHANNEL_BY_CODE = invert(CHANNEL_KEYS);
const CALLER_BY_CODE = invert(CALLER_TYPE_KEYS);
const OUTCOME_BY_CODE = invert(OUTCOME_KEYS);

/** What a key press (by `KeyboardEvent.code`) does on the desk, or null when it is not a shortcut. */
export function deskKeyAction(code: string): DeskKeyAction | null {
  const digit = /^(?:Digit|Numpad)(\d)$/.exec(code);
  if (digit) {
    const n = Number(digit[1]);
    return { kind: 'category', index: n === 0 ? 9 : n - 1 };
  }
  const channel = CHANNEL_BY_CODE.get(code);
  if (channel) return { kind: 'channel', value: channel };
  const callerType = CALLER_BY_CODE.get(code);
  if (callerType) return { kind: 'callerType', value: callerType };
  const outcome = OUTCOME_BY_CODE.get(code);
  if (outcome) return { kind: 'outcome', value: outcome };
  if (code === 'KeyM') return { kind: 'note' };
  return null;
}

/**
 * The call's duration as the operator types it: minutes ("3", "2.5") or minutes and seconds ("3:30"),
 * full-width digits accepted. '' → undefined; anything else unreadable → null.
 */
export function parseDuration(text: string): number | undefined | null {
  const value = text.normalize('NFKC').trim();
  if (!value) return undefined;
  const mmss = /^(\d{1,4}):([0-5]?\d)$/.exec(value);
  if (mmss) return Number(mmss[1]) * 60 + Number(mmss[2]);
  if (/^\d{1,4}(\.\d+)?$/.test(value)) return Math.round(Number(value) * 60);
  return null;
}

/** Seconds back into the field's words: 210 → "3:30". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '';
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
