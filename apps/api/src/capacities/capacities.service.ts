import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRunner } from '../database/transaction.js';
import { LocationsService } from '../locations/locations.service.js';
import { PlaceRecordService } from '../locations/place-record.service.js';
import { NomenclaturesService } from '../nomenclatures/nomenclatures.service.js';
import type { Capacity } from './capacity.entity.js';
import { type CapacityInput, capacitySchema } from './capacity.schema.js';
import { CapacitiesRepository } from './capacities.repository.js';

@Injectable()
export class CapacitiesService extends PlaceRecordService<Capacity, CapacityInput> {
  constructor(
    repository: CapacitiesRepository,
    transactions: TransactionRunner,
    audit: AuditService,
    nomenclatures: NomenclaturesService,
    locations: LocationsService,
  ) {
    super('capacities', capacitySchema, repository, { transactions, audit, nomenclatures }, locations);
  }
}
