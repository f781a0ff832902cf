import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ImportRecord, ImportsCoreModule, InsuredPerson } from '@wavedesk/imports';
import { Batch } from '../campaigns/batch.entity';
import { MatchReview } from './db/match-review.entity';
import { MatchRun } from './db/match-run.entity';
import { LedgerFormLookup } from '../ledger/ledger-form-lookup';
import { FormLedgerLookup } from './form-ledger';
import { MatchRunner } from './match-runner.service';
import { MatchingController } from './matching.controller';
import { MatchingService } from './matching.service';

/**
 * What runs a matching without HTTP (worker, CLI). "Already given a form in this campaign" comes from the
 * form ledger of the waves (persons assigned to an approved or later wave).
 */
@Module({
  imports: [ImportsCoreModule, TypeOrmModule.forFeature([MatchRun, MatchReview, Batch, ImportRecord, InsuredPerson])],
  providers: [MatchRunner, { provide: FormLedgerLookup, useClass: LedgerFormLookup }],
  exports: [MatchRunner, FormLedgerLookup, TypeOrmModule, ImportsCoreModule],
})
export class MatchingCoreModule {}

/** The matching API: start a batch's matching, its counts and CSV, the review list. */
@Module({
  imports: [MatchingCoreModule],
  controllers: [MatchingController],
  providers: [MatchingService],
})
export class MatchingModule {}
