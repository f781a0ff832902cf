import { Injectable } from '@nestjs/common';
import { InquiryObserver } from '@wavedesk/inquiries';
import { GuardEngine } from './guard-engine.service';

/** Told of every stored inquiry: only nudges the debounced evaluation (no database work on the POST path). */
@Injectable()
export class GuardInquiryObserver extends InquiryObserver {
  constructor(private readonly engine: GuardEngine) {
    super();
  }

  inquiryStored(): void {
    this.engine.nudge();
  }
}
