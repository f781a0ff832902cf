/**
 * Wave planning (分散発送の計画), framework-free: propose waves against the counters' and the call
 * center's capacity, evaluate any plan, and edit it by hand. See docs/planning.md.
 */
export type {
  LoadPeak,
  MunicipalityLoad,
  PlanContext,
  PlanEvaluation,
  PlanInput,
  PlannedWaves,
  PlanningMunicipality,
  PlanOptions,
  PostalGroup,
  ProposedWave,
  Violation,
  ViolationKind,
  WaveMember,
  WavePlan,
  WindowExtension,
} from './planning.types';
export { callCenterDailyCapacity } from './call-center-capacity';
export { planWaves, waveDates, MAX_WINDOW_EXTENSION_BUSINESS_DAYS } from './wave-planner';
export { evaluatePlan, EXCESS_TOLERANCE } from './evaluate-plan';
export { moveWave, mergeWaves, splitWave, type WavePart } from './plan-edits';
export { DEFAULT_PLAN_OPTIONS } from './plan-input';
export { formatDate as formatPlanDate } from './plan-messages';
