import type { AccessPolicy } from '../access-policy.js';
import { SYSTEM, tre } from '../fhir.constants.js';
import type { PractitionerRoleRow, PractitionerRow } from '../fhir-rows.js';
import { cc, compact, creationDate, ext, metaOf, reference } from './common.js';
import type { FhirResource } from './fhir-types.js';

/** Profile 4 gets no personal data (names, mailboxes): only the national identifier stays. */
export function toPractitioner(p: PractitionerRow, policy: AccessPolicy): FhirResource {
  const personal = policy.seesPersonalData;
  return compact({
    resourceType: 'Practitioner',
    id: p.id,
    meta: metaOf('Practitioner', p),
    extension: [creationDate(p)],
    identifier: [{ system: SYSTEM.idNatPs, value: p.rppsId }],
    name: personal
      ? [
          compact({
            family: p.lastName,
            given: p.firstName ? [p.firstName] : undefined,
            prefix: p.civility ? [p.civility.code] : undefined,
          }),
        ]
      : undefined,
    telecom:
      personal && p.mssMailbox && policy.confidentialityCodes().has('2')
        ? [
            {
              extension: [
                ext('ror-telecom-communication-channel', {
                  valueCodeableConcept: {
                    coding: [{ system: SYSTEM.channel, code: '3', display: 'Courrier électronique' }],
                  },
                }),
                ext('ror-telecom-confidentiality-level', {
                  valueCodeableConcept: {
                    coding: [{ system: SYSTEM.confidentiality, code: '2', display: 'Accès restreint' }],
                  },
                }),
              ],
              system: 'email',
              value: p.mssMailbox,
            },
          ]
        : undefined,
  });
}

/**
 * The savoir-faire type (RORPractitionerRole `specialty:expertiseType`, 1..1). A spécialité ordinale (TRE_R38)
 * is the savoir-faire of type S, so a situation entered with one but without its type gets that type.
 */
function expertiseType(r: PractitionerRoleRow) {
  if (r.expertiseType) return r.expertiseType;
  return r.specialty?.system === tre('TRE_R38-SpecialiteOrdinale')
    ? { system: tre('TRE_R04-TypeSavoirFaire'), code: 'S', display: 'Spécialité ordinale' }
    : null;
}

export function toPractitionerRole(r: PractitionerRoleRow, policy: AccessPolicy): FhirResource {
  const personal = policy.seesPersonalData;
  return compact({
    resourceType: 'PractitionerRole',
    id: r.id,
    meta: metaOf('PractitionerRole', r),
    extension: [
      creationDate(r),
      ...(personal && r.exerciseLastName
        ? [
            ext('ror-practitionerrole-name', {
              extension: [
                ...(r.exerciseTitle ? [{ url: 'exerciseTitle', valueCodeableConcept: cc(r.exerciseTitle) }] : []),
                { url: 'exerciseLastName', valueString: r.exerciseLastName },
                ...(r.exerciseFirstName ? [{ url: 'exerciseFirstName', valueString: r.exerciseFirstName }] : []),
              ],
            }),
          ]
        : []),
      ...(r.exerciseMode
        ? [ext('ror-practitionerrole-unit-exercise-mode', { valueCodeableConcept: cc(r.exerciseMode) })]
        : []),
      ...(r.conventionSector
        ? [
            {
              url: 'https://apifhir.annuaire.sante.fr/ws-sync/exposed/structuredefinition/practitionerRole-contracted',
              valueCodeableConcept: cc(r.conventionSector),
            },
          ]
        : []),
    ],
    // A situation the RPPS no longer lists is kept, closed: base FHIR active/period, no extension needed.
    active: r.closedOn ? false : undefined,
    period: r.closedOn ? { end: r.closedOn } : undefined,
    practitioner: reference('Practitioner', r.practitionerId),
    organization: r.organizationId ? reference('Organization', r.organizationId) : undefined,
    code: [cc(r.profession)],
    specialty: [expertiseType(r), r.specialty].filter((c) => c !== null).map(cc),
    healthcareService: r.healthcareServiceId ? [reference('HealthcareService', r.healthcareServiceId)] : undefined,
    telecom:
      personal && r.phone && policy.confidentialityCodes().has('2')
        ? [
            {
              extension: [
                ext('ror-telecom-communication-channel', {
                  valueCodeableConcept: {
                    coding: [{ system: tre('TRE_R200-CanalCommunication'), code: '2', display: 'Téléphone fixe' }],
                  },
                }),
                ext('ror-telecom-confidentiality-level', {
                  valueCodeableConcept: {
                    coding: [{ system: SYSTEM.confidentiality, code: '2', display: 'Accès restreint' }],
                  },
                }),
              ],
              system: 'phone',
              value: r.phone,
            },
          ]
        : undefined,
  });
}
