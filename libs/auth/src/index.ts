export * from './user.entity';
export * from './auth.service';
export * from './auth.guard';
export * from './users.service';
export * from './auth.module';
