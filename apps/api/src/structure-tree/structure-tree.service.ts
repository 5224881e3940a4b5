import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors.js';
import { HealthcareServicesService } from '../healthcare-services/healthcare-services.service.js';
import { LocationsService } from '../locations/locations.service.js';
import { OrganizationsService } from '../organizations/organizations.service.js';

export type TreeOffer = {
  id: string;
  name: string;
  identifier: string;
  complete: boolean;
  locations: { id: string; name: string }[];
};
export type TreeNode = {
  id: string;
  kind: string;
  name: string;
  finess: string | null;
  children: TreeNode[];
  healthcareServices: TreeOffer[];
};

/** The structure page: EJ → EG → OI → offers → places (DESIGN §4.1), assembled from each module's service. */
@Injectable()
export class StructureTreeService {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly offers: HealthcareServicesService,
    private readonly locations: LocationsService,
  ) {}

  async tree(organizationId: string): Promise<TreeNode> {
    const organizations = await this.organizations.findStructure(organizationId);
    const root = organizations.find((o) => o.parentId === null);
    if (!root) throw new NotFoundError('organizations', organizationId);
    const offers = await this.offers.findByOrganizations(organizations.map((o) => o.id));
    const places = new Map(
      (await this.locations.findMany([...new Set(offers.flatMap((o) => o.locationIds))])).map((l) => [l.id, l]),
    );
    const build = (id: string): TreeNode => {
      const org = organizations.find((o) => o.id === id)!;
      return {
        id: org.id,
        kind: org.kind,
        name: org.name,
        finess: org.finess,
        children: organizations
          .filter((o) => o.parentId === id)
          .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
          .map((o) => build(o.id)),
        healthcareServices: offers
          .filter((o) => o.organizationId === id)
          .map((o) => ({
            id: o.id,
            name: o.name,
            identifier: o.identifier,
            complete: o.completeness.complete,
            locations: o.locationIds.flatMap((l) => (places.has(l) ? [{ id: l, name: places.get(l)!.name }] : [])),
          })),
      };
    };
    return build(root.id);
  }
}
