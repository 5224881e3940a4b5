import { Injectable } from '@nestjs/common';
import type { ScopeAnchor } from '../access/scope.js';
import { CrudKit } from '../common/crud/crud-kit.js';
import { CrudService } from '../common/crud/crud.service.js';
import type { Practitioner } from './practitioner.entity.js';
import { type PractitionerInput, practitionerSchema } from './practitioner.schema.js';
import { PractitionersRepository } from './practitioners.repository.js';

@Injectable()
export class PractitionersService extends CrudService<Practitioner, PractitionerInput, Practitioner> {
  constructor(repository: PractitionersRepository, kit: CrudKit) {
    super('practitioners', practitionerSchema, repository, kit);
  }

  /** A professional is national (RPPS): only themselves, and admins, may edit the record. */
  protected scopeOf(row: Partial<Practitioner>): ScopeAnchor {
    return { practitionerId: row.id ?? null };
  }

  scopeOfNew(): ScopeAnchor {
    return {};
  }

  protected async toRow(input: PractitionerInput): Promise<Partial<Practitioner>> {
    return input;
  }

  findMany(ids: string[]): Promise<Practitioner[]> {
    return this.repository.findByIds(ids);
  }
}
