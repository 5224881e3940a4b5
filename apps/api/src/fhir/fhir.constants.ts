/** Canonical URLs of the ROR IG 0.7.0 (reference/ror-ig.md §3–§5) used when building resources. */
export const ROR = 'https://interop.esante.gouv.fr/ig/fhir/ror';
export const ROR_SD = `${ROR}/StructureDefinition/`;
export const rorExtension = (id: string) => `${ROR_SD}${id}`;

export const PROFILE = {
  Organization: `${ROR_SD}ror-organization`,
  HealthcareService: `${ROR_SD}ror-healthcareservice`,
  Location: `${ROR_SD}ror-location`,
  Practitioner: `${ROR_SD}ror-practitioner`,
  PractitionerRole: `${ROR_SD}ror-practitionerrole`,
} as const;

export type ResourceType = keyof typeof PROFILE;
export const RESOURCE_TYPES = Object.keys(PROFILE) as ResourceType[];

/** NOS code-system URL of a TRE table: `TRE_R30-RegionOM` → …/TRE_R30-RegionOM/FHIR/TRE-R30-RegionOM. */
export const tre = (table: string) => `https://mos.esante.gouv.fr/NOS/${table}/FHIR/${table.replace('_', '-')}`;

export const SYSTEM = {
  region: tre('TRE_R30-RegionOM'),
  structureIdType: tre('TRE_G07-TypeIdentifiantStructure'),
  // The IG spells this one with an underscore in its FHIR part (ror-ig.md §5.5).
  otherIdType: 'https://mos.esante.gouv.fr/NOS/TRE_R345-TypeIdentifiantAutre/FHIR/TRE_R345-TypeIdentifiantAutre',
  offerIdType: tre('TRE_R355-TypeIdentifiantOffre'),
  placeIdType: tre('TRE_R354-TypeIdentifiantRessourceOperationnelle'),
  ucumNos: tre('TRE_R247-UcumUniteMesure'),
  ucum: 'http://unitsofmeasure.org',
  territorialDivisionType: tre('TRE_R201-TypeDivisionTerritoriale'),
  commune: tre('TRE_R13-Commune'),
  communeOM: tre('TRE_R13-CommuneOM'),
  confidentiality: tre('TRE_R283-NiveauConfidentialite'),
  channel: tre('TRE_R200-CanalCommunication'),
  actType: `${ROR}/CodeSystem/act-type-ror-codesystem`,
  finess: 'https://finess.esante.gouv.fr',
  sirene: 'https://sirene.fr',
  idNatSt: 'urn:oid:1.2.250.1.71.4.2.2',
  idNatPs: 'urn:oid:1.2.250.1.71.4.2.1',
  oi: 'https://oi.esante.gouv.fr',
} as const;

/** Codes of TRE_R227 (champ d'activité) the access rules distinguish. */
export const ACTIVITY_FIELD = { medicoSocial: '04', ville: '05' } as const;

/** The IG's cap on ordinary searches (ror-ig.md §1 fact 9): beyond it, `$export`. */
export const SEARCH_RESULT_CAP = 10_000;
export const DEFAULT_PAGE_SIZE = 200;
export const MAX_PAGE_SIZE = 1000;
