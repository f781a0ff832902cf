/**
 * The load guard (負荷監視): rules, the detector that compares logged inquiries with the forecast and the
 * forecast with capacity, and the choice of waves to hold. Plain TypeScript with no framework imports;
 * see docs/guard.md.
 */
export * from './rules/guard-rule';
export * from './rules/guard-decision';
export * from './rules/expected-load';
export * from './rules/spike-statistic';
export * from './rules/capacity-check';
export * from './rules/guard-detector';
export * from './rules/waves-to-hold';
export * from './rules/poisson-tail';
export * from './rules/rule-set-versions';
// The API side (Nest): GuardModule and its services.
export * from './api';
