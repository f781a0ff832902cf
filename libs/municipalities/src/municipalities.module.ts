import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MunicipalityDirectory } from '@wavedesk/auth';
import { Municipality } from './municipality.entity';
import { MunicipalitiesController } from './municipalities.controller';
import { MunicipalitiesService } from './municipalities.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Municipality])],
  controllers: [MunicipalitiesController],
  providers: [MunicipalitiesService, { provide: MunicipalityDirectory, useExisting: MunicipalitiesService }],
  exports: [MunicipalitiesService, MunicipalityDirectory],
})
export class MunicipalitiesModule {}
