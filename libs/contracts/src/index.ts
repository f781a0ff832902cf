export * from './roles';
export * from './queues';
export * from './live-events';
export * from './errors';
export * from './inquiries';
export * from './imports';
export * from './guard';
export * from './simulation';
