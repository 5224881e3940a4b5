import { Injectable } from '@nestjs/common';
import { CrudKit } from '../common/crud/crud-kit.js';
import { LocationsService } from '../locations/locations.service.js';
import { PlaceRecordService } from '../locations/place-record.service.js';
import type { Equipment } from './equipment.entity.js';
import { type EquipmentInput, equipmentSchema } from './equipment.schema.js';
import { EquipmentRepository } from './equipment.repository.js';

@Injectable()
export class EquipmentService extends PlaceRecordService<Equipment, EquipmentInput> {
  constructor(repository: EquipmentRepository, kit: CrudKit, locations: LocationsService) {
    super('equipment', equipmentSchema, repository, kit, locations);
  }
}
