export * from './field-result';
export * from './date.field';
export * from './sex.field';
export * from './postal-code.field';
export * from './identifier.field';
export * from './text.field';
export * from './my-number.guard';
