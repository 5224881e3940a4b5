import { type DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from './access/access.module.js';
import { AccessRequestsModule } from './access-requests/access-requests.module.js';
import { ApiClientsModule } from './api-clients/api-clients.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CapacitiesModule } from './capacities/capacities.module.js';
import { CrudModule } from './common/crud/crud.module.js';
import { APP_CONFIG, type AppConfig, DATABASE_URL } from './config.js';
import { ContactsModule } from './contacts/contacts.module.js';
import { DatabaseModule } from './database/database.module.js';
import { DemoModule } from './demo/demo.module.js';
import { EquipmentModule } from './equipment/equipment.module.js';
import { FhirModule } from './fhir/fhir.module.js';
import { FinessActivitiesModule } from './finess-activities/finess-activities.module.js';
import { GeographyModule } from './geography/geography.module.js';
import { HealthModule } from './health/health.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { HealthcareServicesModule } from './healthcare-services/healthcare-services.module.js';
import { LocationsModule } from './locations/locations.module.js';
import { NomenclaturesModule } from './nomenclatures/nomenclatures.module.js';
import { OrganizationsModule } from './organizations/organizations.module.js';
import { PractitionerRolesModule } from './practitioner-roles/practitioner-roles.module.js';
import { PractitionersModule } from './practitioners/practitioners.module.js';
import { StructureTreeModule } from './structure-tree/structure-tree.module.js';
import { UsersModule } from './users/users.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        DatabaseModule.forRoot(databaseUrl),
        AccessModule,
        CrudModule,
        AuthModule,
        UsersModule,
        ApiClientsModule,
        AccessRequestsModule,
        AuditModule,
        GeographyModule,
        NomenclaturesModule,
        ContactsModule,
        HealthModule,
        OrganizationsModule,
        HealthcareServicesModule,
        LocationsModule,
        EquipmentModule,
        CapacitiesModule,
        PractitionersModule,
        PractitionerRolesModule,
        StructureTreeModule,
        FhirModule,
        ImportsModule,
        FinessActivitiesModule,
        DemoModule,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DATABASE_URL, useValue: databaseUrl },
      ],
      exports: [APP_CONFIG, DATABASE_URL],
    };
  }
}
