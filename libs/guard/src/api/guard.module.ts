import { Global, Module } from '@nestjs/common';
import { InquiryObserver } from '@wavedesk/inquiries';
import { WavesModule } from '../../../mailing/src/api/waves.module';
import { GuardActions } from './guard-actions.service';
import { GuardAlerts } from './guard-alerts.service';
import { GuardEngine } from './guard-engine.service';
import { GuardEventsService } from './guard-events.service';
import { GuardInputs } from './guard-inputs.service';
import { GuardInquiryObserver } from './guard-observer';
import { GuardRoster, NominalRoster } from './guard-roster';
import { GuardRulesService } from './guard-rules.service';
import { GuardController } from './guard.controller';

/**
 * The load guard in the API (docs/guard.md §5). Global so that InquiriesService finds the InquiryObserver
 * it calls after every stored inquiry. GuardEngine.evaluateNow is what a simulator calls to evaluate at
 * once on its clock; bind another GuardRoster for the operators on duty.
 */
@Global()
@Module({
  imports: [WavesModule],
  controllers: [GuardController],
  providers: [
    GuardRulesService, GuardInputs, GuardAlerts, GuardActions, GuardEngine, GuardEventsService,
    { provide: GuardRoster, useClass: NominalRoster },
    { provide: InquiryObserver, useClass: GuardInquiryObserver },
  ],
  exports: [InquiryObserver, GuardEngine, GuardRulesService, GuardEventsService, GuardRoster],
})
export class GuardModule {}
