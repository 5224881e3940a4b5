import { Injectable } from '@nestjs/common';
import type { ScopeAnchor } from '../access/scope.js';
import { CrudKit } from '../common/crud/crud-kit.js';
import { CrudService } from '../common/crud/crud.service.js';
import { ValidationError } from '../common/errors.js';
import type { ContactInput } from '../common/schemas.js';
import { ContactsService } from '../contacts/contacts.service.js';
import type { Tx } from '../database/transaction.js';
import { LocationsService } from '../locations/locations.service.js';
import { BINDINGS } from '../nomenclatures/bindings.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { type Completeness, completeness } from './completeness.js';
import type { HealthcareService } from './healthcare-service.entity.js';
import { type HealthcareServiceInput, healthcareServiceSchema } from './healthcare-service.schema.js';
import { HealthcareServicesRepository } from './healthcare-services.repository.js';

export type HealthcareServiceView = HealthcareService & {
  contacts: ContactInput[];
  locationIds: string[];
  completeness: Completeness;
};

const ACTIVITY_VALUE_SET = BINDINGS['healthcare-services']!.operationalActivities!;

@Injectable()
export class HealthcareServicesService extends CrudService<
  HealthcareService,
  HealthcareServiceInput,
  HealthcareServiceView
> {
  constructor(
    private readonly offers: HealthcareServicesRepository,
    kit: CrudKit,
    private readonly organizations: OrganizationsService,
    private readonly locations: LocationsService,
    private readonly contacts: ContactsService,
  ) {
    super('healthcare-services', healthcareServiceSchema, offers, kit);
  }

  protected scopeOf(row: Partial<HealthcareService>): ScopeAnchor {
    return { organizationId: row.organizationId ?? null, regionCode: row.regionCode };
  }

  scopeOfNew(parentId: string | null): ScopeAnchor {
    return { organizationId: parentId };
  }

  protected async toRow(input: HealthcareServiceInput): Promise<Partial<HealthcareService>> {
    const { contacts: _contacts, locationIds, ...fields } = input;
    // IG §1 fact 14: an offer is provided by an EG or an OI.
    const [organization] = await this.organizations.findMany([input.organizationId]);
    if (!organization || organization.kind === 'EJ') {
      throw new ValidationError({
        organizationId: 'L’offre doit être portée par une entité géographique ou une organisation interne existante',
      });
    }
    if (!organization.regionCode) {
      throw new ValidationError({
        organizationId: 'La structure porteuse n’a pas de commune : sa région est inconnue',
      });
    }
    const found = await this.locations.findMany(locationIds);
    const unknown = locationIds.filter((id) => !found.some((l) => l.id === id));
    if (unknown.length) throw new ValidationError({ locationIds: `Lieux inconnus : ${unknown.join(', ')}` });
    return { ...fields, departementCode: organization.departementCode, regionCode: organization.regionCode };
  }

  protected override async completeNewRow(
    tx: Tx,
    row: Partial<HealthcareService>,
  ): Promise<Partial<HealthcareService>> {
    return { ...row, identifier: await this.offers.nextIdentifier(tx, row.regionCode!) };
  }

  protected override async writeChildren(
    tx: Tx,
    entity: HealthcareService,
    input: HealthcareServiceInput,
  ): Promise<void> {
    await this.contacts.replace(tx, 'healthcare_service', entity.id, input.contacts);
    await this.offers.replaceLocations(tx, entity.id, input.locationIds);
  }

  protected override async toViews(rows: HealthcareService[], tx?: Tx): Promise<HealthcareServiceView[]> {
    const ids = rows.map((r) => r.id);
    const [contacts, locationIds] = await Promise.all([
      this.contacts.findByOwners('healthcare_service', ids, tx),
      this.offers.locationIds(ids, tx),
    ]);
    const locations = await this.locations.findMany([...new Set([...locationIds.values()].flat())]);
    const isActive = (c: HealthcareService['operationalActivities'][number]) =>
      this.deps.nomenclatures.isActive(ACTIVITY_VALUE_SET, c);
    return rows.map((row) => {
      const own = locationIds.get(row.id) ?? [];
      const ownContacts = contacts.get(row.id) ?? [];
      const ownLocations = locations.filter((l) => own.includes(l.id));
      return {
        ...row,
        contacts: ownContacts,
        locationIds: own,
        completeness: completeness(row, ownContacts, ownLocations, isActive),
      };
    });
  }

  async findByOrganizations(organizationIds: string[]): Promise<HealthcareServiceView[]> {
    return this.toViews(await this.offers.findByOrganizations(organizationIds));
  }
}
