/**
 * The mailing library: the wave state machine, release units and print data for the contractor, and the
 * proof PDF. Plain TypeScript with no framework imports; see docs/mailing.md.
 */
export * from './waves/wave-state';
export * from './print/print-target';
export * from './print/wareki';
export * from './print/shift-jis';
export * from './print/print-csv';
export * from './print/release-units';
export * from './print/print-manifest';
export * from './print/print-unit-writer';
export * from './print/print-transport';
export * from './print/print-check';
export * from './proof/proof-content';
export * from './proof/proof-font';
export * from './proof/proof-pdf';
export * from './campaigns/campaign.entity';
export * from './campaigns/batch.entity';
export * from './campaigns/campaigns.service';
export * from './campaigns/campaigns.module';
export * from './waves/resume-schedule';
export * from './ledger/placeholder-id';
