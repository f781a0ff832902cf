export * from './domain-error';
export * from './check-digits';
export * from './validation';
export * from './http-exception.filter';
export * from './clock';
export * from './auth-decorators';
export * from './spreadsheet-safe';
