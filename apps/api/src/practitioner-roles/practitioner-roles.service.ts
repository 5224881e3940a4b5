import { Injectable } from '@nestjs/common';
import type { ScopeAnchor } from '../access/scope.js';
import { CrudKit } from '../common/crud/crud-kit.js';
import { CrudService } from '../common/crud/crud.service.js';
import { ValidationError } from '../common/errors.js';
import { HealthcareServicesService } from '../healthcare-services/healthcare-services.service.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { PractitionersService } from '../practitioners/practitioners.service.js';
import type { PractitionerRole } from './practitioner-role.entity.js';
import { type PractitionerRoleInput, practitionerRoleSchema } from './practitioner-role.schema.js';
import { PractitionerRolesRepository } from './practitioner-roles.repository.js';

@Injectable()
export class PractitionerRolesService extends CrudService<PractitionerRole, PractitionerRoleInput, PractitionerRole> {
  constructor(
    repository: PractitionerRolesRepository,
    kit: CrudKit,
    private readonly practitioners: PractitionersService,
    private readonly offers: HealthcareServicesService,
    private readonly organizations: OrganizationsService,
  ) {
    super('practitioner-roles', practitionerRoleSchema, repository, kit);
  }

  /** A situation in a structure belongs to the structure's scope; one without structure, to the practitioner's. */
  protected scopeOf(row: Partial<PractitionerRole>): ScopeAnchor {
    return row.organizationId
      ? { organizationId: row.organizationId, regionCode: row.regionCode }
      : { practitionerId: row.practitionerId ?? null, regionCode: row.regionCode };
  }

  scopeOfNew(parentId: string | null): ScopeAnchor {
    return { organizationId: parentId };
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
