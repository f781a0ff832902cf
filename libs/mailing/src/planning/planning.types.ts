/**
 * The words of wave planning (分散発送の計画): what the planner is given, what it proposes, and how a plan
 * is judged against the capacity of the municipal counters and the union's call center.
 * See docs/planning.md.
 */
import type { ForecastModel, ForecastWave, IsoDate } from '@wavedesk/forecast';

/** Part of one municipality's targets that share a postal prefix (060) or a ward (中央区). */
export interface PostalGroup {
  key: string;
  targets: number;
}

/** A batch's targets in one municipality, and what its counter can take. */
export interface PlanningMunicipality {
  /** 6-digit code with check digit (011002). */
  code: string;
  /** For messages (札幌市); the code is shown when absent. */
  name?: string;
  targets: number;
  /** Inquiries a day (phone and visits) the municipality can answer. */
  counterCapacityPerDay: number;
  /**
   * The targets by postal group, in address order; their targets add up to `targets`. A municipality is
   * split only along these, into contiguous runs; one without groups is always mailed whole.
   */
  postalGroups?: PostalGroup[];
}

export interface PlanOptions {
  /** Most waves the plan may have (default 8). */
  maxWaves?: number;
  /** Fewest business days between two waves' mail dates (default 5, a week). */
  minSpacingBusinessDays?: number;
  /** Most forms in one wave, e.g. what the printer takes per release (default: no limit). */
  maxFormsPerWave?: number;
}

/** What a plan is judged against (evaluatePlan and the hand edits). */
export interface PlanContext {
  model: ForecastModel;
  municipalities: readonly PlanningMunicipality[];
  /**
   * The union's inquiries a day (all channels, as the forecast counts them) the call center can take;
   * `callCenterDailyCapacity` derives it from the operators on duty. `Infinity` for no limit.
   */
  callCenterCapacityPerDay: number;
  /** Waves already released (e.g. the previous batch): their load counts against every capacity. */
  existingWaves?: readonly ForecastWave[];
  /** The batch's mailing window; when given, hand edits may not leave it. */
  mailFrom?: IsoDate;
  mailTo?: IsoDate;
  options?: PlanOptions;
}

/** What the planner is asked: the context plus the mailing window, which is then required. */
export interface PlanInput extends PlanContext {
  mailFrom: IsoDate;
  mailTo: IsoDate;
}

/** One municipality's share of a wave: all its targets, or the targets of some postal groups. */
export interface WaveMember {
  code: string;
  targets: number;
  /** Present when the municipality is split across waves: the groups mailed in this wave. */
  postalGroupKeys?: string[];
}

/** A wave (分散発送の波) as proposed: one mail date, several municipalities. */
export interface ProposedWave {
  /** 1, 2, 3 … in date order. */
  seq: number;
  mailDate: IsoDate;
  members: WaveMember[];
  /** Σ members' targets. */
  forms: number;
}

export type ViolationKind = 'municipality' | 'union' | 'waveForms';

/** One capacity that the plan exceeds, on its worst day. */
export interface Violation {
  /** A municipality's counter, the union's call center, or a wave's size against `maxFormsPerWave`. */
  kind: ViolationKind;
  /** The municipality (kind `municipality`). */
  code?: string;
  /** The wave (kind `waveForms`). */
  seq?: number;
  /** The worst day (for `waveForms`, the wave's mail date). */
  date: IsoDate;
  /** Expected inquiries that day (forms, for `waveForms`). Unrounded. */
  load: number;
  capacity: number;
  /** load − capacity. */
  excess: number;
  /** Business days on which the capacity is exceeded (1 for `waveForms`). */
  daysOver: number;
  /** A Japanese sentence for the UI. */
  message: string;
}

/** The busiest day of one constraint. `date` is null when nothing is expected at all. */
export interface LoadPeak {
  date: IsoDate | null;
  load: number;
  capacity: number;
  /** load / capacity (0 for no load; Infinity for load on a capacity of 0). */
  ratio: number;
  /** max(0, load − capacity). */
  excess: number;
}

export interface MunicipalityLoad extends LoadPeak {
  code: string;
  name: string;
}

export interface PlanEvaluation {
  /** True when no capacity is exceeded on any day. */
  fits: boolean;
  /** Worst excess first. */
  violations: Violation[];
  /** Japanese sentences for the UI. */
  summary: string;
  /** The business days evaluated: from the first arrival to the end of the last wave's response. */
  dates: IsoDate[];
  /** Rows of `daily`, in the order of the context's municipalities. */
  municipalityCodes: string[];
  /** Expected inquiries, `daily[m * dates.length + d]` (as the forecast library lays them out). */
  daily: Float64Array;
  unionDaily: Float64Array;
  /** Each municipality's busiest day against its counter capacity, in the context's order. */
  municipalities: MunicipalityLoad[];
  /** The union's busiest day against the call center's capacity. */
  union: LoadPeak;
  /** The tightest constraint: the highest load / capacity. */
  binding: { kind: 'municipality' | 'union'; code?: string; ratio: number };
}

/** A plan and its evaluation: what the planner proposes and what each hand edit returns. */
export interface WavePlan {
  waves: ProposedWave[];
  evaluation: PlanEvaluation;
}

/** How much longer the mailing window would have to be (only when the plan does not fit). */
export interface WindowExtension {
  /** Business days to add after `mailTo`, or null when even the longest extension tried does not fit. */
  extraBusinessDays: number | null;
  /** The new last mailing day, or null. */
  mailTo: IsoDate | null;
}

export interface PlannedWaves extends WavePlan {
  /** null when the plan fits. */
  windowExtension: WindowExtension | null;
}
