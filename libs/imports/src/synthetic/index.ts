export * from './prng';
export * from './csv-sink';
export * from './address-render';
export * from './holder-variation';
export * from './name-data';
export * from './generate-dataset';
