import { Module } from '@nestjs/common';
import { CapabilityService } from './capability.service.js';
import { FhirController } from './fhir.controller.js';
import { FhirReadService } from './fhir-read.service.js';
import { FhirSearchService } from './fhir-search.service.js';
import { FhirRepository } from './fhir.repository.js';

/** FHIR R4 API of the ROR IG 0.7.0 (issue 5). */
@Module({
  controllers: [FhirController],
  providers: [FhirRepository, FhirSearchService, FhirReadService, CapabilityService],
})
export class FhirModule {}
