import { Injectable } from '@nestjs/common';
import { CrudKit } from '../common/crud/crud-kit.js';
import { LocationsService } from '../locations/locations.service.js';
import { PlaceRecordService } from '../locations/place-record.service.js';
import type { Capacity } from './capacity.entity.js';
import { type CapacityInput, capacitySchema } from './capacity.schema.js';
import { CapacitiesRepository } from './capacities.repository.js';

@Injectable()
export class CapacitiesService extends PlaceRecordService<Capacity, CapacityInput> {
  constructor(repository: CapacitiesRepository, kit: CrudKit, locations: LocationsService) {
    super('capacities', capacitySchema, repository, kit, locations);
  }
}
