import type { InquiryRecord } from '@wavedesk/contracts';

/**
 * Told about every newly stored inquiry, after it is committed and before the 201 is sent. Bound by a
 * global module that wants to react to inquiries (the load guard); nothing is bound by default. It must
 * return at once: a slow observer would slow every operator's save.
 */
export abstract class InquiryObserver {
  abstract inquiryStored(record: InquiryRecord): void;
}
