import { Global, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from '@wavedesk/audit';
import { AuthModule } from '@wavedesk/auth';
import { AllExceptionsFilter, Clock } from '@wavedesk/common';
import { ConfigModule, loadConfig } from '@wavedesk/config';
import { DatabaseModule } from '@wavedesk/database';
import { ForecastModule, RosterModule } from '@wavedesk/forecast';
import { GuardModule } from '@wavedesk/guard';
import { ImportsModule } from '@wavedesk/imports';
import { InquiriesModule, PlanLoadForecast } from '@wavedesk/inquiries';
import { LiveFanOut, LivePublisher, SocketServerPublisher } from '@wavedesk/live';
import { CampaignsModule } from '@wavedesk/mailing';
import { MunicipalitiesModule } from '@wavedesk/municipalities';
import { QueuesModule } from '@wavedesk/queues';
import { SimulationClock, SimulationModule } from '@wavedesk/simulation';
import { MatchingModule } from '../../../libs/mailing/src/matching';
import { WavesModule } from '../../../libs/mailing/src/api/waves.module';
import { LedgerWaveAttribution } from '../../../libs/mailing/src/ledger/ledger-wave-attribution';
import { HealthController } from './health/health.controller';
import { LiveGateway } from './live/live.gateway';
import { SystemController } from './system/system.controller';

/** Logs requests without bodies or tokens: personal data never reaches the log. */
const logger = LoggerModule.forRootAsync({
  useFactory: () => ({
    pinoHttp: {
      level: loadConfig().logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.query.token', 'res.headers["set-cookie"]'],
      serializers: { req: (req: { method: string; url: string; id: unknown }) => ({ id: req.id, method: req.method, url: req.url.replace(/token=[^&]+/, 'token=***') }) },
      autoLogging: { ignore: (req: { url?: string }) => req.url === '/api/health' },
      // The request's own logger carries only its id, and the request (method, URL) is written with the line
      // that ends it. Otherwise pino-http serialises every request into a child logger up front, even at
      // `warn` where no request line is written: 7 % of the API's CPU on the desk's hot path (bench/desk).
      quietReqLogger: true,
      quietResLogger: true,
      customSuccessObject: (req: unknown, _res: unknown, value: object) => ({ ...value, req }),
      customErrorObject: (req: unknown, _res: unknown, _error: unknown, value: object) => ({ ...value, req }),
    },
  }),
});

/** What every domain module of the API may inject: the live publisher and the clock. */
@Global()
@Module({
  providers: [
    SocketServerPublisher,
    { provide: LivePublisher, useExisting: SocketServerPublisher },
    { provide: LiveFanOut, useExisting: SocketServerPublisher },
    // The system clock, or the simulated one while a simulation runs in WAVEDESK_SIMULATION mode.
    SimulationClock,
    { provide: Clock, useExisting: SimulationClock },
  ],
  exports: [SocketServerPublisher, LivePublisher, LiveFanOut, Clock, SimulationClock],
})
export class ApiCoreModule {}

@Module({
  imports: [logger, ConfigModule, DatabaseModule, QueuesModule, ApiCoreModule, AuditModule, AuthModule, MunicipalitiesModule, ForecastModule, RosterModule, InquiriesModule.forRoot({ loadForecast: PlanLoadForecast, waveAttribution: LedgerWaveAttribution }), CampaignsModule, ImportsModule, MatchingModule, WavesModule, GuardModule, SimulationModule],
  controllers: [HealthController, SystemController],
  providers: [LiveGateway, { provide: APP_FILTER, useClass: AllExceptionsFilter }],
})
export class AppModule {}
