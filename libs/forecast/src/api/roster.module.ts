import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RosterController } from './roster.controller';
import { RosterOverrideRow, RosterSetting } from './roster.entities';
import { RosterService } from './roster.service';

/** The operator roster's routes; global so the load guard can read it and hear of changes. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([RosterSetting, RosterOverrideRow])],
  controllers: [RosterController],
  providers: [RosterService],
  exports: [RosterService],
})
export class RosterModule {}
