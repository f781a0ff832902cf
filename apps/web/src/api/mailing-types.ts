/*
 * 発送 (campaigns, batches, imports, matching, waves) as the web app reads it. Imports and matching come
 * from libs/contracts (the API shares them); campaigns, reviews and waves mirror libs/mailing's views
 * (BatchView, ReviewView, WaveView, planView) until the API exports them there.
 */
export type {
  BatchMatchView, ImportErrorView, ImportKindName, ImportProgressEvent, ImportStatusName, ImportView, MatchCounts,
  MatchMunicipalityCounts, MatchProgressEvent,
} from '@wavedesk/contracts';

/** 送付事業 as `GET /api/campaigns` lists it. */
export interface Campaign {
  id: number;
  name: string;
  createdBy: string | null;
  createdAt: string;
}

/** 発送回 (`BatchView`). Dates are YYYY-MM-DD (Japan's calendar days). */
export interface Batch {
  id: number;
  campaignId: number;
  name: string;
  matchDate: string;
  mailFrom: string;
  mailTo: string;
  municipalityCodes: string[];
  status: string;
  createdAt: string;
}

export interface CampaignDetail extends Campaign {
  batches: Batch[];
}

export interface NewBatch {
  name: string;
  matchDate: string;
  mailFrom: string;
  mailTo: string;
  /** default: all 179 */
  municipalityCodes?: string[];
}

export type ImportEncoding = 'auto' | 'utf-8' | 'shift_jis';

export interface ImportRequest {
  kind: 'insured' | 'card-holders' | 'application-ids';
  file: File;
  encoding: ImportEncoding;
  /** store only the valid rows of a file with errors */
  validOnly: boolean;
  /** card-holders: the day the list is valid for (YYYY-MM-DD) */
  asOf?: string;
}

/** One possible card holder to settle (`GET /api/batches/:id/reviews`); `person` is personal data (admins, audited). */
export interface MatchReview {
  id: number;
  batchId: number;
  insuredNumber: string;
  municipalityCode: string;
  reason: string;
  reasonLabel: string;
  status: 'pending' | 'excluded' | 'kept';
  decidedBy: string | null;
  decidedAt: string | null;
  person: { name: string; nameKana: string; birthDate: string; sex: string; postalCode: string; address: string } | null;
}

export type WaveStatusName = 'planned' | 'approved' | 'released' | 'writing' | 'done' | 'held' | 'cancelled';
export type WaveActionName = 'approve' | 'unapprove' | 'release' | 'startWriting' | 'finish' | 'hold' | 'resume' | 'cancel';

/** One municipality's share of a wave: all its targets, or some postal groups (3-digit prefixes). */
export interface WaveMember {
  code: string;
  targets: number;
  postalGroupKeys?: string[];
}

export interface WaveProgress {
  written: number;
  total: number;
}

/** A wave (分散発送の波) as `GET /api/batches/:id/waves` and every wave action answer it. */
export interface MailingWave {
  id: number;
  batchId: number;
  seq: number;
  name: string;
  mailDate: string;
  status: WaveStatusName;
  statusLabel: string;
  heldFrom: WaveStatusName | null;
  heldReason: string | null;
  forms: number;
  placeholders: number;
  members: WaveMember[];
  municipalityCodes: string[];
  allowedActions: WaveActionName[];
  version: number;
  progress: WaveProgress;
  updatedAt: string;
}

/** `wave:status` on `/live`. */
export interface WaveStatusEvent {
  id: number;
  batchId: number;
  seq: number;
  name: string;
  mailDate: string;
  status: WaveStatusName;
  reason: string | null;
  by: string;
  progress: WaveProgress;
}

/** `POST /api/batches/:id/plan`. */
export interface PlanRequest {
  /** operators on duty in the call center (default 20) */
  operators?: number;
  options?: { maxWaves?: number; minSpacingBusinessDays?: number; maxFormsPerWave?: number };
}

/** One capacity the plan exceeds, on its worst day. `load`, `capacity` and `excess` are unrounded. */
export interface PlanViolation {
  kind: 'municipality' | 'union' | 'waveForms';
  code?: string;
  seq?: number;
  date: string;
  load: number;
  capacity: number;
  excess: number;
  daysOver: number;
  message: string;
}

export interface LoadPeak {
  date: string | null;
  load: number;
  capacity: number;
  ratio: number;
  excess: number;
}

export interface PlanEvaluationView {
  fits: boolean;
  summary: string;
  violations: PlanViolation[];
  union: LoadPeak;
  binding: { kind: 'municipality' | 'union'; code?: string; ratio: number };
  municipalities: Array<LoadPeak & { code: string; name: string }>;
  /** the union's expected inquiries per business day under this plan */
  timeline: { dates: string[]; union: number[] };
}

/** The plan and its evaluation: what planning and every edit (move, merge, split) answer. */
export interface PlanView {
  waves: MailingWave[];
  evaluation: PlanEvaluationView;
  /** how much longer the mailing window would have to be; null when it fits */
  windowExtension: { extraBusinessDays: number | null; mailTo: string | null } | null;
}

export interface WaveDateChange {
  id: number;
  seq: number;
  name: string;
  status: string;
  from: string;
  to: string;
}

/** `POST /api/waves/:id/resume`: without `confirm` only the new dates (`applied: false`). */
export interface ResumeAnswer {
  applied: boolean;
  schedule: { wave: WaveDateChange; later: WaveDateChange[]; shiftBusinessDays: number; outsideWindow: number[] };
  wave: MailingWave;
  rematch?: { checked: number; withdrawn: number };
}

export interface SplitRequest {
  mailDate: string;
  members: Array<{ code: string; postalGroupKeys?: string[] }>;
}

/** `POST /api/forecast/what-if`: `{ targets }` or `{ insured, cardRate }`. */
export interface WhatIfInput {
  targets?: number;
  insured?: number;
  cardRate?: number;
}

export interface WhatIfResult {
  targets: number;
  totalInquiries: number;
  peakDayInquiries: number;
}
