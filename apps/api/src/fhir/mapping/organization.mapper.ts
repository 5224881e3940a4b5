import type { AccessPolicy } from '../access-policy.js';
import { SYSTEM } from '../fhir.constants.js';
import type { OrganizationRow } from '../fhir-rows.js';
import { address, cc, compact, contactPoint, creationDate, ext, metaOf, reference, visibleContacts } from './common.js';
import type { FhirResource } from './fhir-types.js';

const G07_DISPLAY: Record<string, string> = {
  '1': 'FINESS',
  '2': 'SIREN',
  '3': 'SIRET',
  '40': 'Identifiant national de structure',
};

const structureId = (code: string, system: string, value: string, use?: 'official') => ({
  ...(use ? { use } : {}),
  type: { coding: [{ system: SYSTEM.structureIdType, code, display: G07_DISPLAY[code] }] },
  system,
  value,
});

/**
 * idNatSt = the TRE_G07 type digit of its source identifier followed by that identifier (ror-ig.md §8):
 * FINESS first for EG and EJ, then SIRET (EG) or SIREN (EJ).
 */
function identifiers(o: OrganizationRow) {
  if (o.kind === 'OI') {
    return [
      {
        type: { coding: [{ system: SYSTEM.otherIdType, code: '42', display: 'Identifiant OI' }] },
        system: SYSTEM.oi,
        value: o.id,
      },
    ];
  }
  const ids = [];
  const natSt = o.finess ? `1${o.finess}` : o.kind === 'EJ' && o.siren ? `2${o.siren}` : o.siret ? `3${o.siret}` : null;
  if (natSt) ids.push(structureId('40', SYSTEM.idNatSt, natSt, 'official'));
  if (o.finess) ids.push(structureId('1', SYSTEM.finess, o.finess));
  if (o.kind === 'EJ' && o.siren) ids.push(structureId('2', SYSTEM.sirene, o.siren));
  if (o.kind === 'EG' && o.siret) ids.push(structureId('3', SYSTEM.sirene, o.siret));
  return ids;
}

/** EJ, EG or OI as a ROROrganization (IG §2.3, §3.3). */
export function toOrganization(o: OrganizationRow, policy: AccessPolicy): FhirResource {
  const period =
    o.openedOn || o.closedOn
      ? [
          {
            url: 'http://hl7.org/fhir/StructureDefinition/organization-period',
            valuePeriod: compact({ start: o.openedOn ?? undefined, end: o.closedOn ?? undefined }),
          },
        ]
      : [];
  const geolocation =
    o.latitude !== null && o.longitude !== null
      ? [
          {
            url: 'http://hl7.org/fhir/StructureDefinition/geolocation',
            extension: [
              { url: 'latitude', valueDecimal: o.latitude },
              { url: 'longitude', valueDecimal: o.longitude },
            ],
          },
        ]
      : [];
  const addr = address(o.address);
  // Without a champ d'activité at structure level, profile 3 gets the stricter (public) tier.
  const contacts = visibleContacts(o.contacts, policy, []);
  return compact({
    resourceType: 'Organization',
    id: o.id,
    meta: metaOf('Organization', o),
    extension: [
      creationDate(o),
      ...period,
      ...(o.closingType ? [ext('ror-organization-closing-type', { valueCodeableConcept: cc(o.closingType) })] : []),
      ...(o.reopeningExpectedOn ? [ext('ror-organization-reopening-date', { valueDate: o.reopeningExpectedOn })] : []),
      ...(o.comment ? [ext('ror-organization-comment', { valueString: o.comment })] : []),
    ],
    identifier: identifiers(o),
    type: [o.legalStatus, o.category, o.internalType].filter((c) => c !== null).map(cc),
    name: o.name,
    alias: o.operationalName ? [o.operationalName] : undefined,
    address:
      addr || geolocation.length ? [{ ...(geolocation.length ? { extension: geolocation } : {}), ...addr }] : undefined,
    partOf: o.parentId ? reference('Organization', o.parentId) : undefined,
    contact: contacts.map((c) =>
      compact({
        extension: [
          ...(c.function ? [ext('ror-contact-function-contact', { valueCodeableConcept: cc(c.function) })] : []),
          ...(c.description ? [ext('ror-contact-description', { valueString: c.description })] : []),
          ext('ror-contact-confidentiality-level', { valueCodeableConcept: cc(c.confidentiality) }),
        ],
        purpose: c.nature ? cc(c.nature) : undefined,
        name: c.name ? { text: c.name } : undefined,
        telecom: c.telecoms.map(contactPoint),
      }),
    ),
  });
}
