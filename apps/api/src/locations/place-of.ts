import { ValidationError } from '../common/errors.js';
import type { LocationsService } from './locations.service.js';

/** The region of a record hanging under a place (equipment, capacities) is the place's. */
export async function regionOfLocation(locations: LocationsService, locationId: string): Promise<string | null> {
  const [location] = await locations.findMany([locationId]);
  if (!location) throw new ValidationError({ locationId: 'Lieu de réalisation inconnu' });
  return location.regionCode;
}
