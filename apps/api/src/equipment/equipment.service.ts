import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRunner } from '../database/transaction.js';
import { LocationsService } from '../locations/locations.service.js';
import { PlaceRecordService } from '../locations/place-record.service.js';
import { NomenclaturesService } from '../nomenclatures/nomenclatures.service.js';
import type { Equipment } from './equipment.entity.js';
import { type EquipmentInput, equipmentSchema } from './equipment.schema.js';
import { EquipmentRepository } from './equipment.repository.js';

@Injectable()
export class EquipmentService extends PlaceRecordService<Equipment, EquipmentInput> {
  constructor(
    repository: EquipmentRepository,
    transactions: TransactionRunner,
    audit: AuditService,
    nomenclatures: NomenclaturesService,
    locations: LocationsService,
  ) {
    super('equipment', equipmentSchema, repository, { transactions, audit, nomenclatures }, locations);
  }
}
