import type { Coding } from '../../common/schemas.js';
import type { AccessPolicy } from '../access-policy.js';
import { SYSTEM } from '../fhir.constants.js';
import type { HealthcareServiceRow } from '../fhir-rows.js';
import { cc, compact, creationDate, ext, metaOf, reference, visibleContacts } from './common.js';
import type { FhirResource } from './fhir-types.js';

const DAY_NUMBER: Record<string, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };
const time = (hhmm: string) => (hhmm.length === 5 ? `${hhmm}:00` : hhmm);
const years = (value: number) => ({ value, system: SYSTEM.ucumNos, code: 'a' });
const actType = (code: 'specificAct' | 'outsideOfficeAct', c: Coding) => ({
  extension: [ext('ror-act-type', { valueCode: code })],
  ...cc(c),
});

/** An offer as a RORHealthcareService (IG §2.4, §3.1). */
export function toHealthcareService(h: HealthcareServiceRow, policy: AccessPolicy): FhirResource {
  const fields = [h.activityField.code];
  const details = policy.seesDetails(fields);
  const contacts = visibleContacts(h.contacts, policy, fields);
  const characteristic = [
    cc(h.careMode),
    ...(h.receptionType ? [cc(h.receptionType)] : []),
    ...h.receptionModalities.map(cc),
    ...h.managementTypes.map(cc),
    ...(details
      ? [
          ...h.specificActs.map((c) => actType('specificAct', c)),
          ...h.outsideOfficeActs.map((c) => actType('outsideOfficeAct', c)),
          ...h.takingCareSpecialities.map(cc),
          ...h.resourceProfessions.map(cc),
          ...h.specificCompetences.map(cc),
        ]
      : []),
    ...(h.annualOpening ? [cc(h.annualOpening)] : []),
    ...h.expertiseLevels.map(cc),
    ...(h.closingType ? [cc(h.closingType)] : []),
  ];
  const ageRange =
    h.ageMin !== null && h.ageMax !== null
      ? [{ url: 'ageRange', valueRange: { low: years(h.ageMin), high: years(h.ageMax) } }]
      : [];
  return compact({
    resourceType: 'HealthcareService',
    id: h.id,
    meta: metaOf('HealthcareService', h),
    extension: [
      ...h.interventionCommunes.map((code) =>
        ext('ror-territorial-division', {
          extension: [
            {
              url: 'typeTerritorialDivision',
              valueCodeableConcept: {
                coding: [{ system: SYSTEM.territorialDivisionType, code: '3', display: 'Commune' }],
              },
            },
            {
              url: 'codeTerritorialDivision',
              valueCodeableConcept: {
                coding: [{ system: /^9[78]/.test(code) ? SYSTEM.communeOM : SYSTEM.commune, code }],
              },
            },
          ],
        }),
      ),
      ext('ror-healthcareservice-sensitive-unit', { valueBoolean: h.sensitiveUnit }),
      ...(h.noConsentHabilitation
        ? [ext('ror-healthcareservice-no-consent-habilitation', { valueBoolean: true })]
        : []),
      ...h.psychiatricSectors.map((s) => ext('ror-healthcareservice-psychiatric-sector', { valueString: s })),
      ext('ror-healthcareservice-patient-type', {
        extension: [
          ...h.patientTypes.map((c) => ({ url: 'supportedPatientInfo', valueCodeableConcept: cc(c) })),
          ...ageRange,
        ],
      }),
      ...contacts.map((c) =>
        ext('ror-healthcareservice-contact', {
          extension: [
            ...(c.name ? [{ url: 'name', valueHumanName: { text: c.name } }] : []),
            ...(c.function ? [ext('ror-contact-function-contact', { valueCodeableConcept: cc(c.function) })] : []),
            ...(c.nature ? [{ url: 'purposeContact', valueCodeableConcept: cc(c.nature) }] : []),
            ...(c.description ? [{ url: 'description', valueString: c.description }] : []),
            ext('ror-confidentiality-level', { valueCodeableConcept: cc(c.confidentiality) }),
            ...c.telecoms.map((t) =>
              ext('ror-healthcareservice-contact-telecom', {
                extension: [
                  ext('ror-telecom-communication-channel', { valueCodeableConcept: cc(t.channel) }),
                  ...(t.usage ? [ext('ror-telecom-usage', { valueString: t.usage })] : []),
                  ext('ror-telecom-confidentiality-level', { valueCodeableConcept: cc(t.confidentiality) }),
                  { url: 'telecomAddress', valueString: t.value },
                ],
              }),
            ),
          ],
        }),
      ),
      creationDate(h),
    ],
    identifier: [
      {
        type: {
          coding: [
            {
              system: SYSTEM.offerIdType,
              code: '35',
              display: "Identifiant fonctionnel de l'offre connu par l'instance ROR",
            },
          ],
        },
        value: h.identifier,
      },
    ],
    providedBy: reference('Organization', h.organizationId),
    category: h.offerType ? [cc(h.offerType)] : undefined,
    type: [cc(h.activityField)],
    specialty: [
      ...h.operationalActivities.map(cc),
      ...(h.operationalActivityFamily ? [cc(h.operationalActivityFamily)] : []),
    ],
    location: h.locationIds.map((id) => reference('Location', id)),
    name: h.name,
    comment: h.comment ?? undefined,
    characteristic,
    availableTime: h.openingHours.flatMap((slot) =>
      slot.days.map((day) => ({
        extension: [ext('ror-available-time-number-days-of-week', { valueInteger: DAY_NUMBER[day] })],
        daysOfWeek: [day],
        availableStartTime: time(slot.from),
        availableEndTime: time(slot.to),
      })),
    ),
    notAvailable: h.closedOn
      ? [
          {
            id: 'closingReopeningDate',
            description: 'Date de fermeture et date prévisionnelle de réouverture',
            during: compact({ start: h.closedOn, end: h.reopeningExpectedOn ?? undefined }),
          },
        ]
      : undefined,
  });
}
