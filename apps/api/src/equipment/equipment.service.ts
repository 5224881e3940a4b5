import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { CrudService } from '../common/crud/crud.service.js';
import { TransactionRunner } from '../database/transaction.js';
import { LocationsService } from '../locations/locations.service.js';
import { regionOfLocation } from '../locations/place-of.js';
import { NomenclaturesService } from '../nomenclatures/nomenclatures.service.js';
import type { Equipment } from './equipment.entity.js';
import { type EquipmentInput, equipmentSchema } from './equipment.schema.js';
import { EquipmentRepository } from './equipment.repository.js';

@Injectable()
export class EquipmentService extends CrudService<Equipment, EquipmentInput, Equipment> {
  constructor(
    repository: EquipmentRepository,
    transactions: TransactionRunner,
    audit: AuditService,
    nomenclatures: NomenclaturesService,
    private readonly locations: LocationsService,
  ) {
    super('equipment', equipmentSchema, repository, { transactions, audit, nomenclatures });
  }

  protected async toRow(input: EquipmentInput): Promise<Partial<Equipment>> {
    return { ...input, regionCode: await regionOfLocation(this.locations, input.locationId) };
  }
}
