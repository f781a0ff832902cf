import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ImportRecord, ImportsCoreModule, InsuredPerson } from '@wavedesk/imports';
import { Batch } from '../campaigns/batch.entity';
import { MatchReview } from './db/match-review.entity';
import { MatchRun } from './db/match-run.entity';
import { EmptyFormLedger, FormLedgerLookup } from './form-ledger';
import { MatchRunner } from './match-runner.service';
import { MatchingController } from './matching.controller';
import { MatchingService } from './matching.service';

/**
 * What runs a matching without HTTP (worker, CLI). FormLedgerLookup answers "nobody has a form yet"
 * until the form ledger of the waves work exists (see form-ledger.ts).
 */
@Module({
  imports: [ImportsCoreModule, TypeOrmModule.forFeature([MatchRun, MatchReview, Batch, ImportRecord, InsuredPerson])],
  providers: [MatchRunner, { provide: FormLedgerLookup, useClass: EmptyFormLedger }],
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
