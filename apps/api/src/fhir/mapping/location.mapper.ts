import type { AccessPolicy } from '../access-policy.js';
import { SYSTEM } from '../fhir.constants.js';
import type { CapacityRow, EquipmentRow, LocationRow } from '../fhir-rows.js';
import { address, cc, compact, creationDate, ext, metaOf, reference } from './common.js';
import type { FhirResource } from './fhir-types.js';

/** R203 statut du lieu → FHIR Location.status: 3 opérationnel, 2 fermé temporairement, 1 fermé définitivement. */
const STATUS: Record<string, string> = { '3': 'active', '2': 'suspended', '1': 'inactive' };

const placeId = (code: '25' | '26', display: string, value: string) => ({
  type: { coding: [{ system: SYSTEM.placeIdType, code, display }] },
  value,
});

function capacity(c: CapacityRow) {
  const coded = (url: string, v: CapacityRow[keyof CapacityRow]) =>
    v && typeof v === 'object' ? [{ url, valueCodeableConcept: cc(v) }] : [];
  return ext('ror-location-supported-capacity', {
    extension: [
      ...coded('capacityType', c.nature),
      ...coded('capacityStatus', c.status),
      ...coded('temporalityCapacity', c.temporality),
      { url: 'nbCapacity', valueInteger: c.count },
      ...coded('capacitySourceType', c.source),
      ...coded('genderCapacityAvailable', c.gender),
      { url: 'capacityUpdateDate', valueDateTime: c.observedAt },
      ...coded('capacityClosingType', c.closingType),
      ...coded('additionalBedType', c.additionalBedType),
      ...coded('crisisType', c.crisisType),
      ...coded('temporaryAssignement', c.temporaryAssignment),
      ...(c.comment ? [{ url: 'comment', valueString: c.comment }] : []),
    ],
  });
}

function equipment(e: EquipmentRow) {
  return ext('ror-location-equipment', {
    extension: [
      { url: 'equipmentType', valueCodeableConcept: cc(e.equipmentType) },
      ...(e.countInService !== null ? [{ url: 'nbInService', valueInteger: e.countInService }] : []),
      ...e.limits.map((l) =>
        ext('ror-location-equipment-limit', {
          extension: [
            { url: 'equipmentFeature', valueCodeableConcept: cc(l.feature) },
            {
              url: 'limitValue',
              valueQuantity: { value: l.value, ...(l.unit ? { unit: l.unit, system: SYSTEM.ucum, code: l.unit } : {}) },
            },
          ],
        }),
      ),
    ],
  });
}

/** A place, with its capacity indicators and equipment, as a RORLocation (IG §2.5, §3.2). */
export function toLocation(l: LocationRow, policy: AccessPolicy): FhirResource {
  const fields = l.activityFieldCodes;
  const om = /^9[78]/.test(l.communeCode);
  return compact({
    resourceType: 'Location',
    id: l.id,
    meta: metaOf('Location', l),
    extension: [
      ext('ror-commune-cog', {
        valueCodeableConcept: {
          coding: [
            {
              system: om ? SYSTEM.communeOM : SYSTEM.commune,
              code: l.communeCode,
              ...(l.communeName ? { display: l.communeName } : {}),
            },
          ],
        },
      }),
      ...(policy.seesDetails(fields) ? l.equipment.map(equipment) : []),
      ...l.capacities.filter((c) => policy.capacityVisible(c, fields)).map(capacity),
      creationDate(l),
      ...(l.comment ? [ext('ror-comment', { valueString: l.comment })] : []),
    ],
    identifier: [
      placeId('25', "Identifiant du lieu de réalisation de l'offre connu par l'instance ROR", l.identifier),
      ...(l.externalSyncId ? [placeId('26', 'Identifiant externe de synchronisation', l.externalSyncId)] : []),
    ],
    status: STATUS[l.status.code],
    operationalStatus: cc(l.status).coding[0],
    name: l.name,
    description: l.description ?? undefined,
    type: l.function ? [cc(l.function)] : undefined,
    address: address(l.address),
    position:
      l.latitude !== null && l.longitude !== null ? { longitude: l.longitude, latitude: l.latitude } : undefined,
    // The IG uses managingOrganization only for a place no offer holds yet (ror-ig.md §1 fact 14).
    managingOrganization: l.linkedToOffer ? undefined : reference('Organization', l.organizationId),
  });
}
