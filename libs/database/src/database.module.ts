import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@wavedesk/config';
import { dataSourceOptions } from './data-source-options';
import { assertNoPendingMigrations, ensureDatabaseExists, runMigrations } from './migrate';

/**
 * The DataSource for the whole process. Migrations run at start unless DB_MIGRATE_ON_START=false; then the
 * start is refused while any migration is pending (see assertNoPendingMigrations).
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const server = await ensureDatabaseExists(config);
        return {
          ...dataSourceOptions(config, server),
          // migrationsRun carries the switch to the factory below, which runs them under a lock.
          migrationsRun: config.migrateOnStart,
          // Fail at once with the reason: retrying a failed migration or an old schema only delays the message.
          toRetry: () => false,
        };
      },
      dataSourceFactory: async (options) => {
        if (!options) throw new Error('no database options');
        const dataSource = await new DataSource({ ...options, migrationsRun: false }).initialize();
        try {
          if (options.migrationsRun) await runMigrations(dataSource);
          else await assertNoPendingMigrations(dataSource);
        } catch (error) {
          await dataSource.destroy();
          throw error;
        }
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule {}
