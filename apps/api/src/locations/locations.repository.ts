import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CrudRepository, filters } from '../common/crud/crud.repository.js';
import { Location } from './location.entity.js';

@Injectable()
export class LocationsRepository extends CrudRepository<Location> {
  constructor(dataSource: DataSource) {
    super(dataSource, Location, {
      alias: 'loc',
      filters: {
        q: filters.text('name', 'identifier'),
        organizationId: filters.uuid('organization_id'),
        mine: filters.mine('organization_id'),
        regionCode: filters.equals('region_code'),
        departementCode: filters.equals('departement_code'),
        communeCode: filters.equals('commune_code'),
        statusCode: filters.code('status'),
        healthcareServiceId: (qb, value, a, p) =>
          qb.andWhere(
            `${a}.id IN (SELECT location_id FROM healthcare_service_location WHERE healthcare_service_id::text = :${p})`,
            { [p]: String(value) },
          ),
      },
      sortable: { name: 'name', identifier: 'identifier', regionCode: 'region_code', updatedAt: 'updated_at' },
      defaultSort: { column: 'name', order: 'ASC' },
    });
  }
}
