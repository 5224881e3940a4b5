import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { CrudService } from '../common/crud/crud.service.js';
import { TransactionRunner } from '../database/transaction.js';
import { LocationsService } from '../locations/locations.service.js';
import { regionOfLocation } from '../locations/place-of.js';
import { NomenclaturesService } from '../nomenclatures/nomenclatures.service.js';
import type { Capacity } from './capacity.entity.js';
import { type CapacityInput, capacitySchema } from './capacity.schema.js';
import { CapacitiesRepository } from './capacities.repository.js';

@Injectable()
export class CapacitiesService extends CrudService<Capacity, CapacityInput, Capacity> {
  constructor(
    repository: CapacitiesRepository,
    transactions: TransactionRunner,
    audit: AuditService,
    nomenclatures: NomenclaturesService,
    private readonly locations: LocationsService,
  ) {
    super('capacities', capacitySchema, repository, { transactions, audit, nomenclatures });
  }

  protected async toRow(input: CapacityInput): Promise<Partial<Capacity>> {
    return { ...input, regionCode: await regionOfLocation(this.locations, input.locationId) };
  }
}
