import type { AccessPolicy } from './access-policy.js';
import type { ResourceType } from './fhir.constants.js';

/** Table and alias of each resource type; search SQL and loaders share them. */
export const TABLE: Record<ResourceType, string> = {
  Organization: 'organization',
  HealthcareService: 'healthcare_service',
  Location: 'location',
  Practitioner: 'practitioner',
  PractitionerRole: 'practitioner_role',
};

/**
 * `versionId` is the update time in microseconds, not the row's `version`: that one is the admin form's lock and
 * stays when a place's capacities or equipment change (migration 1764400000000), while the resource does change.
 */
const TRACKED = `x.id, x.created_at AS "createdAt", x.updated_at AS "updatedAt", x.version,
  (extract(epoch FROM x.updated_at) * 1000000)::bigint::text AS "versionId"`;
const day = (column: string, as: string) => `to_char(x.${column}, 'YYYY-MM-DD') AS "${as}"`;

// json (not jsonb) aggregates: the text is only read by Node, and building json costs PostgreSQL about a third
// less than building jsonb (measured on the national database).
const CONTACTS = (owner: string) => `coalesce((
  SELECT json_agg(json_build_object('name', c.name, 'function', c.function, 'nature', c.nature,
    'description', c.description, 'confidentiality', c.confidentiality,
    'telecoms', coalesce((SELECT json_agg(json_build_object('channel', t.channel, 'value', t.value, 'usage', t.usage,
      'confidentiality', t.confidentiality) ORDER BY t.position) FROM telecom t WHERE t.contact_id = c.id), '[]'))
    ORDER BY c.position)
  FROM contact c WHERE c.${owner}_id = x.id), '[]') AS contacts`;

const CAPACITIES = `coalesce((SELECT json_agg(json_build_object('nature', c.nature, 'status', c.status, 'temporality', c.temporality,
          'temporaryAssignment', c.temporary_assignment, 'gender', c.gender, 'closingType', c.closing_type,
          'additionalBedType', c.additional_bed_type, 'crisisType', c.crisis_type, 'count', c.count, 'source', c.source,
          'observedAt', to_char(c.observed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'comment', c.comment)
          ORDER BY c.nature->>'code', c.status->>'code', c.temporality->>'code', c.id)
        FROM capacity c WHERE c.location_id = x.id), '[]') AS capacities`;

const ACTIVITY_FIELDS = `coalesce((SELECT array_agg(DISTINCT h.activity_field->>'code') FROM healthcare_service_location hl
          JOIN healthcare_service h ON h.id = hl.healthcare_service_id WHERE hl.location_id = x.id), '{}') AS "activityFieldCodes"`;

/** A place; `capacities` and `activityFields` are the select-list items giving its indicators and its offers' fields. */
const LOCATION = (
  capacities: string,
  activityFields: string,
) => `SELECT ${TRACKED}, x.region_code AS "regionCode", x.identifier, x.external_sync_id AS "externalSyncId", x.name,
      x.description, x.function, x.status, x.address, x.commune_code AS "communeCode",
      (SELECT cm.name FROM commune cm WHERE cm.code = x.commune_code) AS "communeName", x.latitude, x.longitude, x.comment,
      x.organization_id AS "organizationId", ${activityFields},
      EXISTS (SELECT 1 FROM healthcare_service_location hl WHERE hl.location_id = x.id) AS "linkedToOffer",
      ${capacities},
      coalesce((SELECT json_agg(json_build_object('equipmentType', e.equipment_type, 'countInService', e.count_in_service,
          'limits', e.limits) ORDER BY e.equipment_type->>'code') FROM equipment e WHERE e.location_id = x.id), '[]') AS equipment
    FROM location x`;
/** The four place SELECTs, by [sees capacities][reads activity fields]. */
const LOCATIONS = [false, true].map((capacities) =>
  [false, true].map((fields) =>
    LOCATION(
      capacities ? CAPACITIES : `'[]'::json AS capacities`,
      fields ? ACTIVITY_FIELDS : `'{}'::text[] AS "activityFieldCodes"`,
    ),
  ),
);

/**
 * One SELECT per type returning everything its mapper needs, children aggregated in the same statement
 * (one query per type for a whole page: no N+1; places: LOCATIONS). `x` is the row alias; callers add WHERE/ORDER.
 */
const ROW_SELECT: Record<Exclude<ResourceType, 'Location'>, string> = {
  Organization: `SELECT ${TRACKED}, x.region_code AS "regionCode", x.kind, x.parent_id AS "parentId", x.finess, x.siren,
      x.siret, x.name, x.operational_name AS "operationalName", x.legal_status AS "legalStatus", x.category,
      x.internal_type AS "internalType", x.address, x.commune_code AS "communeCode", x.latitude, x.longitude,
      ${day('opened_on', 'openedOn')}, ${day('closed_on', 'closedOn')}, x.closing_type AS "closingType",
      ${day('reopening_expected_on', 'reopeningExpectedOn')}, x.comment, ${CONTACTS('organization')}
    FROM organization x`,
  HealthcareService: `SELECT ${TRACKED}, x.region_code AS "regionCode", x.identifier, x.name,
      x.organization_id AS "organizationId", x.activity_field AS "activityField", x.offer_type AS "offerType",
      x.operational_activities AS "operationalActivities", x.operational_activity_family AS "operationalActivityFamily",
      x.care_mode AS "careMode", x.reception_type AS "receptionType", x.reception_modalities AS "receptionModalities",
      x.management_types AS "managementTypes", x.specific_acts AS "specificActs", x.outside_office_acts AS "outsideOfficeActs",
      x.taking_care_specialities AS "takingCareSpecialities", x.annual_opening AS "annualOpening",
      x.resource_professions AS "resourceProfessions", x.specific_competences AS "specificCompetences",
      x.expertise_levels AS "expertiseLevels", x.patient_types AS "patientTypes", x.age_min AS "ageMin", x.age_max AS "ageMax",
      x.intervention_communes AS "interventionCommunes", x.opening_hours AS "openingHours", x.sensitive_unit AS "sensitiveUnit",
      x.no_consent_habilitation AS "noConsentHabilitation", x.psychiatric_sectors AS "psychiatricSectors",
      x.closing_type AS "closingType", ${day('closed_on', 'closedOn')}, ${day('reopening_expected_on', 'reopeningExpectedOn')},
      x.comment,
      coalesce((SELECT array_agg(hl.location_id::text ORDER BY hl.location_id) FROM healthcare_service_location hl
                WHERE hl.healthcare_service_id = x.id), '{}') AS "locationIds",
      ${CONTACTS('healthcare_service')}
    FROM healthcare_service x`,
  Practitioner: `SELECT ${TRACKED}, NULL AS "regionCode", x.rpps_id AS "rppsId", x.civility, x.last_name AS "lastName",
      x.first_name AS "firstName", x.mss_mailbox AS "mssMailbox"
    FROM practitioner x`,
  PractitionerRole: `SELECT ${TRACKED}, x.region_code AS "regionCode", x.practitioner_id AS "practitionerId",
      x.healthcare_service_id AS "healthcareServiceId", x.organization_id AS "organizationId", x.profession,
      x.expertise_type AS "expertiseType", x.specialty, x.exercise_mode AS "exerciseMode", x.exercise_title AS "exerciseTitle",
      x.exercise_last_name AS "exerciseLastName", x.exercise_first_name AS "exerciseFirstName",
      x.convention_sector AS "conventionSector", x.phone, ${day('closed_on', 'closedOn')}
    FROM practitioner_role x`,
};

/**
 * The SELECT of a type for a client: a place's capacity indicators (its heaviest part: up to 180 per place) are
 * not even read for a client that may see none of them, nor the champs d'activité of its offers (a read of each
 * offer) for a client whose rules do not depend on them.
 */
export function rowSelect(type: ResourceType, policy: AccessPolicy): string {
  return type === 'Location'
    ? LOCATIONS[Number(policy.seesCapacities)]![Number(policy.readsActivityFields)]!
    : ROW_SELECT[type];
}
