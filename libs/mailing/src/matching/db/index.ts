export * from './match-run.entity';
export * from './batch-match-result.entity';
export * from './match-review.entity';
