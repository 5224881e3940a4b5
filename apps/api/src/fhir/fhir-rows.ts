import type { Address, Coding } from '../common/schemas.js';

/** What the FHIR repository reads for each resource: one row per resource, its children already attached. */
type Tracked = {
  id: string;
  createdAt: Date;
  updatedAt: Date;
  /** `meta.versionId`: the update time in microseconds (see fhir-row-sql.ts). */
  versionId: string;
  version: number;
  regionCode: string | null;
};

export type TelecomRow = { channel: Coding; value: string; usage: string | null; confidentiality: Coding };
export type ContactRow = {
  name: string | null;
  function: Coding | null;
  nature: Coding | null;
  description: string | null;
  confidentiality: Coding;
  telecoms: TelecomRow[];
};

export type OrganizationRow = Tracked & {
  kind: 'EJ' | 'EG' | 'OI';
  parentId: string | null;
  finess: string | null;
  siren: string | null;
  siret: string | null;
  name: string;
  operationalName: string | null;
  legalStatus: Coding | null;
  category: Coding | null;
  internalType: Coding | null;
  address: Address;
  communeCode: string | null;
  latitude: number | null;
  longitude: number | null;
  openedOn: string | null;
  closedOn: string | null;
  closingType: Coding | null;
  reopeningExpectedOn: string | null;
  comment: string | null;
  contacts: ContactRow[];
};

export type HealthcareServiceRow = Tracked & {
  identifier: string;
  name: string;
  organizationId: string;
  activityField: Coding;
  offerType: Coding | null;
  operationalActivities: Coding[];
  operationalActivityFamily: Coding | null;
  careMode: Coding;
  receptionType: Coding | null;
  receptionModalities: Coding[];
  managementTypes: Coding[];
  specificActs: Coding[];
  outsideOfficeActs: Coding[];
  takingCareSpecialities: Coding[];
  annualOpening: Coding | null;
  resourceProfessions: Coding[];
  specificCompetences: Coding[];
  expertiseLevels: Coding[];
  patientTypes: Coding[];
  ageMin: number | null;
  ageMax: number | null;
  interventionCommunes: string[];
  openingHours: { days: string[]; from: string; to: string }[];
  sensitiveUnit: boolean;
  noConsentHabilitation: boolean;
  psychiatricSectors: string[];
  closingType: Coding | null;
  closedOn: string | null;
  reopeningExpectedOn: string | null;
  comment: string | null;
  locationIds: string[];
  contacts: ContactRow[];
};

export type CapacityRow = {
  nature: Coding;
  status: Coding;
  temporality: Coding;
  temporaryAssignment: Coding;
  gender: Coding | null;
  closingType: Coding | null;
  additionalBedType: Coding | null;
  crisisType: Coding | null;
  count: number;
  source: Coding;
  observedAt: string;
  comment: string | null;
};

export type EquipmentRow = {
  equipmentType: Coding;
  countInService: number | null;
  limits: { feature: Coding; value: number; unit?: string | null }[];
};

export type LocationRow = Tracked & {
  identifier: string;
  externalSyncId: string | null;
  name: string;
  description: string | null;
  function: Coding | null;
  status: Coding;
  address: Address;
  communeCode: string;
  communeName: string | null;
  latitude: number | null;
  longitude: number | null;
  comment: string | null;
  organizationId: string;
  /** Champs d'activité of the offers held there (profile 3 shows some data for médico-social only). */
  activityFieldCodes: string[];
  linkedToOffer: boolean;
  capacities: CapacityRow[];
  equipment: EquipmentRow[];
  /** Set by `near` searches: kilometres from the searched point. */
  distance?: number;
};

export type PractitionerRow = Tracked & {
  rppsId: string;
  civility: Coding | null;
  lastName: string;
  firstName: string | null;
  mssMailbox: string | null;
};

export type PractitionerRoleRow = Tracked & {
  practitionerId: string;
  healthcareServiceId: string | null;
  organizationId: string | null;
  profession: Coding;
  expertiseType: Coding | null;
  specialty: Coding | null;
  exerciseMode: Coding | null;
  exerciseTitle: Coding | null;
  exerciseLastName: string | null;
  exerciseFirstName: string | null;
  conventionSector: Coding | null;
  phone: string | null;
  /** Closed by the RPPS import when a later full file no longer lists it. */
  closedOn: string | null;
};

export type RowOf = {
  Organization: OrganizationRow;
  HealthcareService: HealthcareServiceRow;
  Location: LocationRow;
  Practitioner: PractitionerRow;
  PractitionerRole: PractitionerRoleRow;
};
