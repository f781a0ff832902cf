export * from './guard.entities';
export * from './guard.module';
export * from './guard-engine.service';
export * from './guard-rules.service';
export * from './guard-events.service';
export * from './guard-roster';
export * from './guard-text';
