import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FinessAuthorisationsRepository } from './finess-authorisations.repository.js';
import { ImportRejection, ImportRun } from './import-run.entity.js';
import { ImportRejectionsRepository, ImportRunsRepository } from './import-runs.repository.js';
import { ImportedRecordsRepository } from './imported-records.repository.js';
import { ImportsController } from './imports.controller.js';
import { ImportsService } from './imports.service.js';
import { RppsClosuresRepository } from './rpps-closures.repository.js';

@Module({
  imports: [TypeOrmModule.forFeature([ImportRun, ImportRejection])],
  controllers: [ImportsController],
  providers: [
    ImportsService,
    ImportRunsRepository,
    ImportRejectionsRepository,
    ImportedRecordsRepository,
    FinessAuthorisationsRepository,
    RppsClosuresRepository,
  ],
  exports: [ImportsService],
})
export class ImportsModule {}
