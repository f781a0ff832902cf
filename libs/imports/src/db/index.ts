export * from './import-record.entity';
export * from './import-error.entity';
export * from './insured-person.entity';
export * from './card-holder-key.entity';
export * from './application-id.entity';
