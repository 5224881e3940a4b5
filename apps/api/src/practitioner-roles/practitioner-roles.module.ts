import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HealthcareServicesModule } from '../healthcare-services/healthcare-services.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { PractitionersModule } from '../practitioners/practitioners.module.js';
import { PractitionerRole } from './practitioner-role.entity.js';
import { PractitionerRolesController } from './practitioner-roles.controller.js';
import { PractitionerRolesRepository } from './practitioner-roles.repository.js';
import { PractitionerRolesService } from './practitioner-roles.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([PractitionerRole]),
    PractitionersModule,
    HealthcareServicesModule,
    OrganizationsModule,
  ],
  controllers: [PractitionerRolesController],
  providers: [PractitionerRolesRepository, PractitionerRolesService],
  exports: [PractitionerRolesService],
})
export class PractitionerRolesModule {}
