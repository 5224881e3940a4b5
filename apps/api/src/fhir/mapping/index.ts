import type { AccessPolicy } from '../access-policy.js';
import type { ResourceType } from '../fhir.constants.js';
import type { RowOf } from '../fhir-rows.js';
import type { FhirResource } from './fhir-types.js';
import { toHealthcareService } from './healthcare-service.mapper.js';
import { toLocation } from './location.mapper.js';
import { toOrganization } from './organization.mapper.js';
import { toPractitioner, toPractitionerRole } from './practitioner.mapper.js';

type Mappers = { [T in ResourceType]: (row: RowOf[T], policy: AccessPolicy) => FhirResource };

/** Row → FHIR resource, per type, with the client's access policy applied to the elements. */
export const MAPPERS: Mappers = {
  Organization: toOrganization,
  HealthcareService: toHealthcareService,
  Location: toLocation,
  Practitioner: toPractitioner,
  PractitionerRole: toPractitionerRole,
};

export function toResource<T extends ResourceType>(type: T, row: RowOf[T], policy: AccessPolicy): FhirResource {
  return (MAPPERS[type] as (row: RowOf[T], policy: AccessPolicy) => FhirResource)(row, policy);
}
