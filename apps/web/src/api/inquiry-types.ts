import type { CallerType, InquiryChannel, InquiryOutcome } from '@wavedesk/contracts';

/*
 * Inquiries, load, forecast and staffing as the web app reads them. The inquiry record and the load report
 * come from libs/contracts (the API shares them); the forecast and staffing views mirror
 * libs/forecast/src/api (ForecastView, DayStaffing) until the API exports them there.
 */
export type {
  CallerType, HourLoad, InquiryCategoryView, InquiryChannel, InquiryOutcome, InquiryPage, InquiryRecord, LoadFigures,
  LoadReport, MunicipalityLoad, TotalLoad,
} from '@wavedesk/contracts';

/** `POST /api/inquiries`: one call or visit as the desk sends it. */
export interface NewInquiry {
  municipalityCode: string;
  channel: InquiryChannel;
  category: string;
  callerType: CallerType;
  outcome: InquiryOutcome;
  /** ISO 8601 with offset; the moment the operator logged it (kept when the entry waits offline). */
  receivedAt?: string;
  durationSeconds?: number;
  /** 申請書ID, 23 half-width digits */
  applicationId?: string;
  note?: string;
}

/** Filters of `GET /api/inquiries` and `GET /api/inquiries.csv`. `from`/`to`: a JST day or an ISO instant. */
export interface InquiryFilters {
  municipalityCode?: string;
  from?: string;
  to?: string;
  channel?: InquiryChannel;
  category?: string;
  outcome?: InquiryOutcome;
  handled?: boolean;
}

export type InquiryPivot = 'day' | 'municipality' | 'category';

/** One wave of the plan as the forecast summarises it (a wave covering several municipalities appears once per municipality). */
export interface ForecastWaveSummary {
  id?: string;
  municipalityCode: string;
  /** YYYY-MM-DD */
  mailDate: string;
  arrivalDate: string;
  peakDate: string;
  forms: number;
  /** over the wave's whole response horizon */
  expectedInquiries: number;
}

export interface ForecastSeries {
  code: string;
  total: number;
  /** one value per entry of `dates` */
  daily: number[];
  /** hourly[d][h] with granularity=hour; h indexes `hours` */
  hourly?: number[][];
}

/** `GET /api/forecast`: expected inquiries per business day (unrounded), for the union and per municipality. */
export interface ForecastView {
  from: string;
  to: string;
  granularity: 'day' | 'hour';
  recalibrated?: boolean;
  /** the business days in the range */
  dates: string[];
  /** the clock hour each hourly slot starts at */
  hours: number[];
  union: ForecastSeries;
  municipalities: ForecastSeries[];
  waves: ForecastWaveSummary[];
}

export interface ForecastQuery {
  from?: string;
  to?: string;
  municipality?: string;
  granularity?: 'day' | 'hour';
}

export interface StaffingInterval {
  /** "09:00" */
  startsAt: string;
  endsAt: string;
  calls: number;
  agents: number;
  serviceLevel: number;
  asaSeconds: number;
  occupancy: number;
}

/** `GET /api/staffing?date=`: operators needed per interval (Erlang C) for the union's forecast phone calls. */
export interface DayStaffing {
  date: string;
  /** why the line is closed that day (土曜日, a holiday's name, 年末年始), or null */
  closedReason: string | null;
  expectedInquiries: number;
  expectedPhoneCalls?: number;
  intervals: StaffingInterval[];
  peakAgents: number;
  aht?: { ahtSeconds: number; samples: number; source: 'logged' | 'default' };
}

/** A batch (発送回) as `GET /api/batches` lists it (only what the dashboard needs). */
export interface BatchSummary {
  id: number;
  name?: string;
}

/** A wave as `GET /api/batches/:id/waves` answers it (libs/mailing WaveView; only what the dashboard reads). */
export interface WaveView {
  id: number;
  batchId: number;
  seq: number;
  name: string;
  mailDate: string;
  status: string;
  statusLabel?: string;
  heldReason: string | null;
  forms: number;
  municipalityCodes: string[];
  allowedActions?: string[];
}

/** `POST /api/waves/:id/resume` without `confirm`: the new dates it would give (nothing changes yet). */
export interface ResumePreview {
  applied: boolean;
  schedule?: {
    wave?: { from: string; to: string };
    later?: Array<{ id: number; name?: string; from: string; to: string }>;
    shiftBusinessDays?: number;
  };
}
