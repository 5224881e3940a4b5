import { Injectable } from '@nestjs/common';
import type { ScopeAnchor } from '../access/scope.js';
import { CrudKit } from '../common/crud/crud-kit.js';
import { CrudService } from '../common/crud/crud.service.js';
import { ValidationError } from '../common/errors.js';
import { GeographyService } from '../geography/geography.service.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import type { Location } from './location.entity.js';
import { type LocationInput, locationSchema } from './location.schema.js';
import { LocationsRepository } from './locations.repository.js';

@Injectable()
export class LocationsService extends CrudService<Location, LocationInput, Location> {
  constructor(
    repository: LocationsRepository,
    kit: CrudKit,
    private readonly geography: GeographyService,
    private readonly organizations: OrganizationsService,
  ) {
    super('locations', locationSchema, repository, kit);
  }

  protected scopeOf(row: Partial<Location>): ScopeAnchor {
    return { organizationId: row.organizationId ?? null, regionCode: row.regionCode };
  }

  scopeOfNew(parentId: string | null): ScopeAnchor {
    return { organizationId: parentId };
  }

  protected async toRow(input: LocationInput): Promise<Partial<Location>> {
    // IG §1 fact 14: a place is managed by an entité géographique.
    const [organization] = await this.organizations.findMany([input.organizationId]);
    if (!organization || organization.kind !== 'EG') {
      throw new ValidationError({
        organizationId: 'Le lieu doit être rattaché à une entité géographique (EG) existante',
      });
    }
    const place = await this.geography.locate(input.communeCode);
    return {
      ...input,
      // Without a surveyed position the commune's centroid is a usable default (geo/README.md).
      latitude: input.latitude ?? place.commune.latitude,
      longitude: input.longitude ?? place.commune.longitude,
      departementCode: place.departementCode,
      regionCode: place.regionCode,
    };
  }

  findMany(ids: string[]): Promise<Location[]> {
    return this.repository.findByIds(ids);
  }
}
