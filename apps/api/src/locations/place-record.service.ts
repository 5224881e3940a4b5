import type { z } from 'zod';
import type { ScopeAnchor } from '../access/scope.js';
import type { CrudKit } from '../common/crud/crud-kit.js';
import { CrudService } from '../common/crud/crud.service.js';
import type { CrudRepository } from '../common/crud/crud.repository.js';
import type { TrackedEntity } from '../common/crud/tracked.entity.js';
import { ValidationError } from '../common/errors.js';
import type { LocationsService } from './locations.service.js';

/** Records that hang under a place (equipment, capacities): the place must exist and gives them their region. */
export abstract class PlaceRecordService<
  E extends TrackedEntity & { regionCode: string | null },
  I extends { locationId: string },
> extends CrudService<E, I, E> {
  protected constructor(
    resource: string,
    schema: z.ZodType<I>,
    repository: CrudRepository<E>,
    kit: CrudKit,
    private readonly locations: LocationsService,
  ) {
    super(resource, schema, repository, kit);
  }

  protected scopeOf(row: Partial<E> & { locationId?: string }): ScopeAnchor {
    return { locationId: row.locationId ?? null };
  }

  scopeOfNew(parentId: string | null): ScopeAnchor {
    return { locationId: parentId };
  }

  protected async toRow(input: I): Promise<Partial<E>> {
    const [location] = await this.locations.findMany([input.locationId]);
    if (!location) throw new ValidationError({ locationId: 'Lieu de réalisation inconnu' });
    return { ...input, regionCode: location.regionCode } as unknown as Partial<E>;
  }
}
