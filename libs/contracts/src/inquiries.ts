/**
 * Inquiries (問い合わせ) on the wire: the stable codes the API takes, the Japanese labels the UI shows,
 * the stored record, and the live load figures (`inquiry:logged`, `load:update`, `GET /api/load`).
 */

export const INQUIRY_CHANNELS = ['phone', 'visit', 'other'] as const;
export type InquiryChannel = (typeof INQUIRY_CHANNELS)[number];
export const INQUIRY_CHANNEL_LABELS: Record<InquiryChannel, string> = {
  phone: '電話',
  visit: '来庁',
  other: 'その他',
};

export const CALLER_TYPES = ['self', 'family', 'facility_staff', 'other'] as const;
export type CallerType = (typeof CALLER_TYPES)[number];
export const CALLER_TYPE_LABELS: Record<CallerType, string> = {
  self: '本人',
  family: '家族',
  facility_staff: '施設職員',
  other: 'その他',
};

export const INQUIRY_OUTCOMES = ['resolved', 'referred', 'callback'] as const;
export type InquiryOutcome = (typeof INQUIRY_OUTCOMES)[number];
export const INQUIRY_OUTCOME_LABELS: Record<InquiryOutcome, string> = {
  resolved: '解決',
  referred: '市町村へ引継',
  callback: '折り返し要',
};

/**
 * The categories seeded for the My Number card mailing, in the order the desk shows them (number keys
 * 1–9, 0). Administrators add more at `/api/inquiry-categories`; the live list comes from there.
 */
export const SEEDED_INQUIRY_CATEGORIES = [
  { code: 'how_to_apply', label: '申請方法' },
  { code: 'lost_form', label: '申請書の紛失・再発行' },
  { code: 'wrong_details', label: '記載内容の誤り' },
  { code: 'already_have_card', label: '既にカード取得済' },
  { code: 'photo', label: '顔写真' },
  { code: 'proxy', label: '代理申請' },
  { code: 'facility', label: '施設入所者' },
  { code: 'insurance_card', label: '保険証利用登録' },
  { code: 'complaint', label: '苦情' },
  { code: 'other', label: 'その他' },
] as const;

/** A category code: lower-case letters, digits and `_`, starting with a letter, 2–32 characters. */
export const INQUIRY_CATEGORY_CODE_PATTERN = /^[a-z][a-z0-9_]{1,31}$/;

export interface InquiryCategoryView {
  code: string;
  label: string;
  sortOrder: number;
}

/** The stored inquiry as the API answers it and as `inquiry:logged` carries it. Dates are ISO 8601 (UTC). */
export interface InquiryRecord {
  id: number;
  municipalityCode: string;
  channel: InquiryChannel;
  category: string;
  callerType: CallerType;
  outcome: InquiryOutcome;
  receivedAt: string;
  durationSeconds: number | null;
  applicationId: string | null;
  note: string | null;
  /** The dispersed-sending wave that most likely caused the inquiry; null until waves exist. */
  waveId: number | null;
  loggedById: number;
  loggedAt: string;
  /** Set when the municipality's staff marked a referred inquiry as handled. */
  handledAt: string | null;
  handledById: number | null;
}

export interface InquiryPage {
  items: InquiryRecord[];
  /** Pass as `cursor` to get the next (older) page; null on the last page. */
  nextCursor: number | null;
}

/** Actual against forecast for one period. `ratio` = actual ÷ forecast, null when nothing is forecast. */
export interface LoadFigures {
  actual: number;
  forecast: number;
  ratio: number | null;
}

/** One hour of a day in Japan time (hour 0 = 00:00–00:59 JST). */
export interface HourLoad {
  hour: number;
  actual: number;
  forecast: number;
}

export interface MunicipalityLoad {
  municipalityCode: string;
  day: LoadFigures;
  /** The current JST hour when the report is for today, otherwise null. */
  thisHour: LoadFigures | null;
  /** 24 hours; in `load:update` only for a municipality room's own municipality. */
  hours?: HourLoad[];
}

export interface TotalLoad {
  day: LoadFigures;
  thisHour: LoadFigures | null;
  hours: HourLoad[];
}

/**
 * `GET /api/load?date=` and, today, `load:update`. `total` sums the municipalities the reader may see
 * (all of Hokkaido for union roles, one municipality for a municipal user).
 *
 * `GET /api/load` lists every visible municipality with its 24 hours. `load:update` is a full snapshot
 * (not a delta) that omits municipalities with neither actual nor forecast today and omits their hours;
 * a client reads a missing municipality as zero.
 */
export interface LoadReport {
  /** The day in Japan time, YYYY-MM-DD. */
  date: string;
  /** The current JST hour (0–23) when `date` is today, otherwise null. */
  hour: number | null;
  generatedAt: string;
  total: TotalLoad;
  municipalities: MunicipalityLoad[];
}
export type LoadUpdate = LoadReport;
