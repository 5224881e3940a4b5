import { Module } from '@nestjs/common';
import { ApiClientsModule } from '../api-clients/api-clients.module.js';
import { CapacitiesModule } from '../capacities/capacities.module.js';
import { EquipmentModule } from '../equipment/equipment.module.js';
import { HealthcareServicesModule } from '../healthcare-services/healthcare-services.module.js';
import { ImportsModule } from '../imports/imports.module.js';
import { LocationsModule } from '../locations/locations.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { PractitionerRolesModule } from '../practitioner-roles/practitioner-roles.module.js';
import { PractitionersModule } from '../practitioners/practitioners.module.js';
import { UsersModule } from '../users/users.module.js';
import { DemoDataService } from './demo-data.service.js';

@Module({
  imports: [
    OrganizationsModule,
    LocationsModule,
    HealthcareServicesModule,
    CapacitiesModule,
    EquipmentModule,
    PractitionersModule,
    PractitionerRolesModule,
    UsersModule,
    ApiClientsModule,
    ImportsModule,
  ],
  providers: [DemoDataService],
  exports: [DemoDataService],
})
export class DemoModule {}
