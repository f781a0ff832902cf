/**
 * The forecast library: business calendar, inquiry forecast, what-if, recalibration and Erlang C
 * staffing, in plain TypeScript with no framework imports (see docs/forecast.md); and, in `api/`, the
 * thin NestJS layer that serves it (routes, the plan's wave source, live updates).
 */
export * from './business-calendar';
export * from './response-curve';
export * from './intraday-profile';
export * from './forecast-parameters';
export * from './forecast.model';
export * from './what-if';
export * from './recalibration';
export * from './erlang-c';
export * from './staffing';
export * from './seeded-random';
export * from './apportion';
export * from './api/wave-source';
export * from './api/actuals-source';
export * from './api/forecast-setting.entity';
export * from './api/forecast.service';
export * from './api/forecast.module';
export * from './roster';
export * from './api/roster.entities';
export * from './api/roster.service';
export * from './api/roster.module';
