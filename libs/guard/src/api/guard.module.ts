import { Global, Logger, Module, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RosterService } from '@wavedesk/forecast';
import { InquiryObserver } from '@wavedesk/inquiries';
import { WaveActionsService } from '../../../mailing/src/api/wave-actions.service';
import { WavesModule } from '../../../mailing/src/api/waves.module';
import { GuardActions } from './guard-actions.service';
import { GuardAlerts } from './guard-alerts.service';
import { GuardEngine } from './guard-engine.service';
import { GuardEventsService } from './guard-events.service';
import { GuardInputs } from './guard-inputs.service';
import { GuardInquiryObserver } from './guard-observer';
import { GuardReleaseGate } from './guard-release-gate';
import { DatabaseRoster, GuardRoster } from './guard-roster';
import { GuardRulesService } from './guard-rules.service';
import { GuardController } from './guard.controller';

/**
 * The load guard in the API (docs/guard.md §5). Global so that InquiriesService finds the InquiryObserver
 * it calls after every stored inquiry. GuardEngine.evaluateNow is what a simulator calls to evaluate at
 * once on its clock. The operators on duty come from the stored roster (DatabaseRoster; override
 * GuardRoster to use another); a roster change runs the capacity check at once, and so does every release
 * (the guard's ReleaseGate).
 */
@Global()
@Module({
  imports: [WavesModule],
  controllers: [GuardController],
  providers: [
    GuardRulesService, GuardInputs, GuardAlerts, GuardActions, GuardEngine, GuardEventsService,
    { provide: GuardRoster, useClass: DatabaseRoster },
    { provide: InquiryObserver, useClass: GuardInquiryObserver },
  ],
  exports: [InquiryObserver, GuardEngine, GuardRulesService, GuardEventsService, GuardRoster],
})
export class GuardModule implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Guard');
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly engine: GuardEngine,
    private readonly waves: WaveActionsService,
    private readonly roster: RosterService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.waves.useReleaseGate(new GuardReleaseGate(this.engine, this.dataSource));
    this.unsubscribe = this.roster.onChange(async () => {
      try {
        await this.engine.evaluateNow({ capacity: true });
      } catch (error) {
        this.logger.error(`capacity check after a roster change failed: ${(error as Error).message}`);
      }
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }
}
