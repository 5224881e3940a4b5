import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CrudRepository, filters } from '../common/crud/crud.repository.js';
import { PractitionerRole } from './practitioner-role.entity.js';

@Injectable()
export class PractitionerRolesRepository extends CrudRepository<PractitionerRole> {
  constructor(dataSource: DataSource) {
    super(dataSource, PractitionerRole, {
      alias: 'role',
      filters: {
        practitionerId: filters.uuid('practitioner_id'),
        healthcareServiceId: filters.uuid('healthcare_service_id'),
        organizationId: filters.uuid('organization_id'),
        professionCode: filters.code('profession'),
        regionCode: filters.equals('region_code'),
      },
      sortable: { updatedAt: 'updated_at', exerciseLastName: 'exercise_last_name' },
      defaultSort: { column: 'updated_at', order: 'DESC' },
    });
  }
}
