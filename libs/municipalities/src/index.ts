export * from './municipality.entity';
export * from './municipality-data';
export * from './municipalities.service';
export * from './municipalities.module';
