import { Module } from '@nestjs/common';
import { HealthcareServicesModule } from '../healthcare-services/healthcare-services.module.js';
import { LocationsModule } from '../locations/locations.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { StructureTreeController } from './structure-tree.controller.js';
import { StructureTreeService } from './structure-tree.service.js';

@Module({
  imports: [OrganizationsModule, HealthcareServicesModule, LocationsModule],
  controllers: [StructureTreeController],
  providers: [StructureTreeService],
})
export class StructureTreeModule {}
