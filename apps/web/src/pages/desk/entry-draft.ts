import type { CallerType, InquiryCategoryView, InquiryChannel, InquiryOutcome, Municipality, NewInquiry } from '../../api';
import { formatDuration, parseDuration } from './desk-keys';

/** What the desk form holds while the operator fills it in. */
export interface EntryDraft {
  municipality: Municipality | null;
  channel: InquiryChannel;
  callerType: CallerType;
  outcome: InquiryOutcome;
  category: string | null;
  /** minutes, or minutes:seconds */
  duration: string;
  applicationId: string;
  note: string;
  /** Kept when a refused entry is corrected: the call still happened when it happened. */
  receivedAt?: string;
}

/** The form's fields, by the API's field names (for showing its per-field messages). */
export type EntryField = 'municipalityCode' | 'channel' | 'category' | 'callerType' | 'outcome' | 'durationSeconds' | 'applicationId' | 'note' | 'receivedAt';

export const emptyDraft = (municipality: Municipality | null = null, channel: InquiryChannel = 'phone'): EntryDraft => ({
  municipality,
  channel,
  callerType: 'self',
  outcome: 'resolved',
  category: null,
  duration: '',
  applicationId: '',
  note: '',
});

/**
 * The inquiry to send, or the fields the operator must fix first (checked here only where the desk can
 * tell at once; the API checks everything again).
 */
export function draftToInquiry(draft: EntryDraft, categories: readonly InquiryCategoryView[]): { inquiry: NewInquiry } | { errors: Partial<Record<EntryField, string>> } {
  const errors: Partial<Record<EntryField, string>> = {};
  if (!draft.municipality) errors.municipalityCode = '市町村を選んでください（コード・漢字・よみの先頭を入力して Enter）。';
  if (!draft.category || !categories.some((c) => c.code === draft.category)) errors.category = '分類を選んでください（数字キー 1〜9・0）。';
  const durationSeconds = parseDuration(draft.duration);
  if (durationSeconds === null) errors.durationSeconds = '対応時間は「3」（分）か「3:30」（分:秒）の形で入力してください。';
  const applicationId = draft.applicationId.normalize('NFKC').replace(/[\s-]/g, '');
  if (applicationId && !/^\d{23}$/.test(applicationId)) errors.applicationId = '申請書IDは数字23桁で入力してください。';
  if (Object.keys(errors).length > 0) return { errors };
  const note = draft.note.trim();
  return {
    inquiry: {
      municipalityCode: draft.municipality!.code,
      channel: draft.channel,
      category: draft.category!,
      callerType: draft.callerType,
      outcome: draft.outcome,
      ...(draft.receivedAt ? { receivedAt: draft.receivedAt } : {}),
      ...(typeof durationSeconds === 'number' ? { durationSeconds } : {}),
      ...(applicationId ? { applicationId } : {}),
      ...(note ? { note } : {}),
    },
  };
}

/** A stored (refused) entry back into the form for correcting. */
export function inquiryToDraft(inquiry: NewInquiry, municipalities: readonly Municipality[], keepReceivedAt: boolean): EntryDraft {
  return {
    municipality: municipalities.find((m) => m.code === inquiry.municipalityCode) ?? null,
    channel: inquiry.channel,
    callerType: inquiry.callerType,
    outcome: inquiry.outcome,
    category: inquiry.category,
    duration: formatDuration(inquiry.durationSeconds),
    applicationId: inquiry.applicationId ?? '',
    note: inquiry.note ?? '',
    ...(keepReceivedAt && inquiry.receivedAt ? { receivedAt: inquiry.receivedAt } : {}),
  };
}
