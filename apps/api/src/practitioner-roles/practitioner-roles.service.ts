import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { CrudService } from '../common/crud/crud.service.js';
import { ValidationError } from '../common/errors.js';
import { TransactionRunner } from '../database/transaction.js';
import { HealthcareServicesService } from '../healthcare-services/healthcare-services.service.js';
import { NomenclaturesService } from '../nomenclatures/nomenclatures.service.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { PractitionersService } from '../practitioners/practitioners.service.js';
import type { PractitionerRole } from './practitioner-role.entity.js';
import { type PractitionerRoleInput, practitionerRoleSchema } from './practitioner-role.schema.js';
import { PractitionerRolesRepository } from './practitioner-roles.repository.js';

@Injectable()
export class PractitionerRolesService extends CrudService<PractitionerRole, PractitionerRoleInput, PractitionerRole> {
  constructor(
    repository: PractitionerRolesRepository,
    transactions: TransactionRunner,
    audit: AuditService,
    nomenclatures: NomenclaturesService,
    private readonly practitioners: PractitionersService,
    private readonly offers: HealthcareServicesService,
    private readonly organizations: OrganizationsService,
  ) {
    super('practitioner-roles', practitionerRoleSchema, repository, { transactions, audit, nomenclatures });
  }

  protected async toRow(input: PractitionerRoleInput): Promise<Partial<PractitionerRole>> {
    const [practitioner] = await this.practitioners.findMany([input.practitionerId]);
    if (!practitioner) throw new ValidationError({ practitionerId: 'Professionnel inconnu' });
    let regionCode: string | null = null;
    if (input.healthcareServiceId) {
      const offer = await this.offers.get(input.healthcareServiceId).catch(() => null);
      if (!offer) throw new ValidationError({ healthcareServiceId: 'Offre inconnue' });
      regionCode = offer.regionCode;
    }
    if (input.organizationId) {
      const [organization] = await this.organizations.findMany([input.organizationId]);
      if (!organization) throw new ValidationError({ organizationId: 'Structure inconnue' });
      regionCode ??= organization.regionCode;
    }
    return { ...input, regionCode };
  }
}
