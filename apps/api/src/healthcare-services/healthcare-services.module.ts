import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LocationsModule } from '../locations/locations.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { HealthcareService } from './healthcare-service.entity.js';
import { HealthcareServicesController } from './healthcare-services.controller.js';
import { HealthcareServicesRepository } from './healthcare-services.repository.js';
import { HealthcareServicesService } from './healthcare-services.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([HealthcareService]), OrganizationsModule, LocationsModule],
  controllers: [HealthcareServicesController],
  providers: [HealthcareServicesRepository, HealthcareServicesService],
  exports: [HealthcareServicesService],
})
export class HealthcareServicesModule {}
