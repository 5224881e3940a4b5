import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CrudRepository, filters } from '../common/crud/crud.repository.js';
import { Capacity } from './capacity.entity.js';

@Injectable()
export class CapacitiesRepository extends CrudRepository<Capacity> {
  constructor(dataSource: DataSource) {
    super(dataSource, Capacity, {
      alias: 'cap',
      filters: {
        locationId: filters.uuid('location_id'),
        regionCode: filters.equals('region_code'),
        statusCode: filters.code('status'),
        natureCode: filters.code('nature'),
        temporalityCode: filters.code('temporality'),
      },
      sortable: { observedAt: 'observed_at', count: 'count', updatedAt: 'updated_at' },
      defaultSort: { column: 'observed_at', order: 'DESC' },
    });
  }
}
