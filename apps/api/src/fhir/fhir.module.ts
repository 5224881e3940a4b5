import { Module } from '@nestjs/common';
import { CapabilityService } from './capability.service.js';
import { FhirExportController } from './export/fhir-export.controller.js';
import { FhirExportRepository } from './export/fhir-export.repository.js';
import { FhirExportService } from './export/fhir-export.service.js';
import { FhirController } from './fhir.controller.js';
import { FhirDatabase } from './fhir-database.js';
import { FhirReadService } from './fhir-read.service.js';
import { FhirSearchService } from './fhir-search.service.js';
import { FhirRepository } from './fhir.repository.js';

/** FHIR R4 API of the ROR IG 0.7.0 (issue 5). */
@Module({
  // The export controller first: its `$export…` routes must win over the generic `:type` ones.
  controllers: [FhirExportController, FhirController],
  providers: [
    FhirDatabase,
    FhirRepository,
    FhirSearchService,
    FhirReadService,
    CapabilityService,
    FhirExportRepository,
    FhirExportService,
  ],
})
export class FhirModule {}
