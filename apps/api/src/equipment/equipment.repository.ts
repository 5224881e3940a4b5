import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CrudRepository, filters } from '../common/crud/crud.repository.js';
import { Equipment } from './equipment.entity.js';

@Injectable()
export class EquipmentRepository extends CrudRepository<Equipment> {
  constructor(dataSource: DataSource) {
    super(dataSource, Equipment, {
      alias: 'eq',
      filters: {
        locationId: filters.uuid('location_id'),
        equipmentTypeCode: filters.code('equipment_type'),
        regionCode: filters.equals('region_code'),
      },
      sortable: { updatedAt: 'updated_at', countInService: 'count_in_service' },
      defaultSort: { column: 'updated_at', order: 'DESC' },
    });
  }
}
