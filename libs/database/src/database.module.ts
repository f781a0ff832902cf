import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@wavedesk/config';
import { dataSourceOptions } from './data-source-options';
import { ensureDatabaseExists, runMigrations } from './migrate';

/** The DataSource for the whole process; migrations run at start unless DB_MIGRATE_ON_START=false. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const server = await ensureDatabaseExists(config);
        // migrationsRun carries the switch to the factory below, which runs them under a lock.
        return { ...dataSourceOptions(config, server), migrationsRun: config.migrateOnStart };
      },
      dataSourceFactory: async (options) => {
        if (!options) throw new Error('no database options');
        const dataSource = await new DataSource({ ...options, migrationsRun: false }).initialize();
        if (options.migrationsRun) await runMigrations(dataSource);
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule {}
