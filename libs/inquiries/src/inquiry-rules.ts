import { createHash } from 'node:crypto';
import { CALLER_TYPE_LABELS, INQUIRY_CHANNEL_LABELS, INQUIRY_OUTCOME_LABELS } from '@wavedesk/contracts';

/**
 * The rules an inquiry must satisfy, with the Japanese sentences that explain them. Plain TypeScript:
 * the DTO and the service both use these.
 */

export const MAX_NOTE_LENGTH = 1000;
export const MAX_DURATION_SECONDS = 86_400;
/** How far in the future `receivedAt` may lie (clocks of desk PCs drift). */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** Older than this is a typing error rather than a late entry. */
export const EARLIEST_RECEIVED_AT = new Date('2020-01-01T00:00:00+09:00');
export const APPLICATION_ID_PATTERN = /^\d{23}$/;
export const MUNICIPALITY_CODE_PATTERN = /^\d{6}$/;
/** Visible ASCII, 1–128 characters (a UUID fits). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,128}$/;
/** Timezone-qualified ISO 8601, so that no server time zone can move the time. */
export const RECEIVED_AT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

const choices = (labels: Record<string, string>): string =>
  Object.entries(labels).map(([code, label]) => `${code}（${label}）`).join('、');

export const MESSAGES = {
  municipalityCode: '市町村コードは6桁の数字で入力してください（例: 011002）。',
  unknownMunicipality: (code: string) => `市町村コード ${code} は広域連合の市町村ではありません。`,
  channel: `受付方法は ${choices(INQUIRY_CHANNEL_LABELS)} のいずれかを指定してください。`,
  category: '分類コードは半角英小文字で始まる英小文字・数字・_ の2〜32文字で指定してください。',
  unknownCategory: (code: string) => `分類「${code}」は登録されていません。分類の一覧から選んでください。`,
  callerType: `問い合わせ者は ${choices(CALLER_TYPE_LABELS)} のいずれかを指定してください。`,
  outcome: `対応結果は ${choices(INQUIRY_OUTCOME_LABELS)} のいずれかを指定してください。`,
  receivedAt: '受付日時は 2026-02-15T10:30:00+09:00 のようにタイムゾーン付きの日時で入力してください。',
  receivedAtFuture: '受付日時が未来になっています。端末の時計と入力した日時を確認してください。',
  receivedAtTooOld: '受付日時が古すぎます（2020年1月1日より前）。入力した日時を確認してください。',
  durationSeconds: `対応時間（秒）は0〜${MAX_DURATION_SECONDS.toLocaleString('en-US')}の整数で入力してください。`,
  applicationId: '申請書IDは半角数字23桁で入力してください。',
  note: 'メモは文字列で入力してください。',
  noteTooLong: `メモは${MAX_NOTE_LENGTH.toLocaleString('en-US')}文字以内で入力してください。`,
  // Never repeats the number: the message is the same whatever the note contained.
  noteMyNumber:
    'メモに個人番号（マイナンバー）と思われる12桁の番号が含まれているため、登録できません。番号を削除してから登録してください。',
  idempotencyKey: 'Idempotency-Key ヘッダーは半角英数字・記号の1〜128文字で指定してください。',
  idempotencyKeyReused:
    'この Idempotency-Key は別の内容の問い合わせの登録に使われています。新しい内容を登録するときは新しいキーを使ってください。',
} as const;

/** Why `receivedAt` cannot be stored, or null when it can. */
export function receivedAtProblem(receivedAt: Date, now: Date): string | null {
  if (Number.isNaN(receivedAt.getTime())) return MESSAGES.receivedAt;
  if (receivedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) return MESSAGES.receivedAtFuture;
  if (receivedAt < EARLIEST_RECEIVED_AT) return MESSAGES.receivedAtTooOld;
  return null;
}

/** Why an Idempotency-Key header cannot be used, or null when it is absent or fine. */
export function idempotencyKeyProblem(value: unknown): string | null {
  if (value === undefined) return null;
  return typeof value === 'string' && IDEMPOTENCY_KEY_PATTERN.test(value) ? null : MESSAGES.idempotencyKey;
}

/** The fields of a logged inquiry as the client sent them. */
export interface InquiryInput {
  municipalityCode: string;
  channel: string;
  category: string;
  callerType: string;
  outcome: string;
  receivedAt?: string | null;
  durationSeconds?: number | null;
  applicationId?: string | null;
  note?: string | null;
}

/**
 * A fingerprint of what the client asked to store, to tell a true retry (same key, same body) from a reused
 * key. `receivedAt` counts as the instant it names, so `…T10:00+09:00` and `…T01:00Z` are the same.
 */
export function requestHash(input: InquiryInput): string {
  const canonical = [
    input.municipalityCode, input.channel, input.category, input.callerType, input.outcome,
    input.receivedAt ? new Date(input.receivedAt).toISOString() : null,
    input.durationSeconds ?? null, input.applicationId || null, input.note || null,
  ];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
