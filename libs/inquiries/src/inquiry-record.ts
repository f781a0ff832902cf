import type { InquiryRecord } from '@wavedesk/contracts';
import type { Inquiry } from './inquiry.entity';

/** The stored row as the API answers it: without the idempotency key and request fingerprint. */
export function toInquiryRecord(row: Inquiry): InquiryRecord {
  return {
    id: row.id,
    municipalityCode: row.municipalityCode,
    channel: row.channel,
    category: row.category,
    callerType: row.callerType,
    outcome: row.outcome,
    receivedAt: row.receivedAt.toISOString(),
    durationSeconds: row.durationSeconds,
    applicationId: row.applicationId,
    note: row.note,
    waveId: row.waveId,
    loggedById: row.loggedById,
    loggedAt: row.loggedAt.toISOString(),
    handledAt: row.handledAt ? row.handledAt.toISOString() : null,
    handledById: row.handledById,
  };
}
