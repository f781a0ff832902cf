/**
 * Imports and batch matching on the wire: what `GET /api/imports/:id`, `GET /api/batches/:id/match`
 * and the live events `import:progress` / `match:progress` carry. No personal data in any of them.
 */

export const IMPORT_KIND_NAMES = ['insured', 'card-holders', 'application-ids'] as const;
export type ImportKindName = (typeof IMPORT_KIND_NAMES)[number];
export const IMPORT_KIND_LABELS: Record<ImportKindName, string> = {
  insured: '被保険者一覧',
  'card-holders': 'カード取得者一覧',
  'application-ids': '申請書ID一覧',
};

export type ImportStatusName = 'queued' | 'running' | 'stored' | 'rejected' | 'failed';
export const IMPORT_STATUS_LABELS: Record<ImportStatusName, string> = {
  queued: '待機中',
  running: '取込中',
  stored: '取込済み',
  rejected: 'エラーのため取込なし',
  failed: '失敗（取込なし）',
};

/** One problem in a file: `row` as a spreadsheet numbers it (header = 1), `column` as the file names it. */
export interface ImportErrorView {
  row: number | null;
  column: string | null;
  code: string;
  message: string;
}

export interface ImportView {
  id: number;
  kind: ImportKindName;
  fileName: string;
  sha256: string;
  sizeBytes: number;
  encoding: string;
  detectedEncoding: string | null;
  asOf: string | null;
  validOnly: boolean;
  status: ImportStatusName;
  rowsRead: number;
  rowsValid: number;
  rowsStored: number;
  /** Every problem found; `errors` lists the first 1,000. */
  errorCount: number;
  progress: number;
  message: string | null;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  errors?: ImportErrorView[];
}

/** `import:progress` (union room), at most about twice a second per import, and once when it ends. */
export interface ImportProgressEvent {
  id: number;
  kind: ImportKindName;
  status: ImportStatusName;
  progress: number;
  rowsRead: number;
  rowsStored: number;
  errorCount: number;
}

/** `match:progress` (union room, and each municipality's room with that municipality's counts only at the end). */
export interface MatchProgressEvent {
  batchId: number;
  runId: number;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  step: 'load' | 'match' | 'write' | 'done';
}

/** Counts of one municipality (or the total) for a batch's matching. */
export interface MatchCounts {
  /** Insured persons of the municipality on the insured list. */
  insured: number;
  /** Lost qualification on or before the match date. */
  disqualified: number;
  /** Excluded: already hold a card (by 被保険者番号 or exact match). */
  cardHolders: number;
  /** Of cardHolders: found by the 被保険者番号 the card-holder list gave (the rest by the 4 information items). */
  cardHoldersByInsuredNumber: number;
  /** Excluded: already given a form in this campaign. */
  alreadyFormed: number;
  /** Possible card holders not yet settled (not mailed until settled). */
  review: number;
  /** Settled as the card holder: excluded. */
  reviewExcluded: number;
  /** Settled as not the card holder: mailed. */
  reviewKept: number;
  /** Get a form: matched as targets plus reviews settled as kept. */
  targets: number;
}

export interface MatchMunicipalityCounts extends MatchCounts {
  code: string;
  name: string;
}

export interface BatchMatchView {
  batchId: number;
  matchDate: string;
  status: 'none' | 'queued' | 'running' | 'done' | 'failed';
  runId: number | null;
  progress: number;
  message: string | null;
  /** Card holders known on the match date (all lists with asOf ≤ match date). */
  holders: number | null;
  insuredImportIds: number[];
  holderImportIds: number[];
  requestedBy: string | null;
  requestedAt: string | null;
  finishedAt: string | null;
  totals: MatchCounts | null;
  municipalities: MatchMunicipalityCounts[];
}

export const REVIEW_REASON_LABELS: Record<string, string> = {
  address_differs: '氏名・生年月日・性別が一致し、住所が異なるカード取得者がいます',
  name_one_edit: '生年月日・性別・市町村が一致し、氏名が1文字違いのカード取得者がいます',
};
