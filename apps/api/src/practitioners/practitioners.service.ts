import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { CrudService } from '../common/crud/crud.service.js';
import { TransactionRunner } from '../database/transaction.js';
import { NomenclaturesService } from '../nomenclatures/nomenclatures.service.js';
import type { Practitioner } from './practitioner.entity.js';
import { type PractitionerInput, practitionerSchema } from './practitioner.schema.js';
import { PractitionersRepository } from './practitioners.repository.js';

@Injectable()
export class PractitionersService extends CrudService<Practitioner, PractitionerInput, Practitioner> {
  constructor(
    repository: PractitionersRepository,
    transactions: TransactionRunner,
    audit: AuditService,
    nomenclatures: NomenclaturesService,
  ) {
    super('practitioners', practitionerSchema, repository, { transactions, audit, nomenclatures });
  }

  protected async toRow(input: PractitionerInput): Promise<Partial<Practitioner>> {
    return input;
  }

  findMany(ids: string[]): Promise<Practitioner[]> {
    return this.repository.findByIds(ids);
  }
}
