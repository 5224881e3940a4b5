import { Injectable } from '@nestjs/common';
import { PROFILE, ROR, RESOURCE_TYPES, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE, SEARCH_RESULT_CAP } from './fhir.constants.js';
import type { FhirResource } from './mapping/fhir-types.js';
import { SEARCH_PARAMETERS } from './search/search-parameters.js';

const INCLUDES: Record<string, { include: string[]; revinclude: string[] }> = {
  HealthcareService: {
    include: [
      'HealthcareService:organization',
      'HealthcareService:location',
      'Organization:partof',
      'PractitionerRole:practitioner',
    ],
    revinclude: ['PractitionerRole:service'],
  },
  Location: { include: ['Location:organization', 'Organization:partof'], revinclude: ['HealthcareService:location'] },
  Organization: {
    include: ['Organization:partof'],
    revinclude: ['Organization:partof', 'HealthcareService:organization'],
  },
  Practitioner: { include: [], revinclude: ['PractitionerRole:practitioner'] },
  PractitionerRole: {
    include: ['PractitionerRole:practitioner', 'PractitionerRole:service', 'PractitionerRole:organization'],
    revinclude: [],
  },
};

const STANDARD = 'http://hl7.org/fhir/SearchParameter/';

/** `/fhir/metadata`: exactly what this server does, built from the same tables the search code uses. */
@Injectable()
export class CapabilityService {
  statement(base: string): FhirResource {
    return {
      resourceType: 'CapabilityStatement',
      status: 'active',
      date: '2026-11-25',
      publisher: 'ROR back-office',
      kind: 'instance',
      instantiates: [`${ROR}/CapabilityStatement/ror-consommateur`],
      software: { name: 'ROR back-office' },
      implementation: { description: 'API FHIR R4 du ROR (IG ans.fhir.fr.ror 0.7.0)', url: base },
      fhirVersion: '4.0.1',
      format: ['application/fhir+json', 'json'],
      rest: [
        {
          mode: 'server',
          documentation: `Pages de ${DEFAULT_PAGE_SIZE} résultats par défaut, ${MAX_PAGE_SIZE} au plus (_count) ; recherches limitées à ${SEARCH_RESULT_CAP} résultats ($export au-delà). Paramètres inconnus ignorés et signalés, refusés avec Prefer: handling=strict. Clé d'API (X-API-Key) obligatoire ; réponses filtrées selon le profil d'accès du client.`,
          security: {
            service: [
              { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'OAuth' }] },
            ],
            description: 'Clé d’API par client (X-API-Key), profil d’accès 0 à 5 et régions.',
          },
          resource: RESOURCE_TYPES.map((type) => ({
            type,
            profile: PROFILE[type],
            interaction: [
              { code: 'read' },
              { code: 'vread', documentation: 'version courante seulement (410 pour une version antérieure)' },
              { code: 'search-type' },
              { code: 'history-instance' },
              { code: 'history-type' },
            ],
            // meta.versionId is set, but only the current version is kept: no read of past versions.
            versioning: 'versioned',
            readHistory: false,
            searchInclude: INCLUDES[type]!.include,
            searchRevInclude: INCLUDES[type]!.revinclude,
            searchParam: [
              ...Object.entries(SEARCH_PARAMETERS[type]).map(([name, def]) => ({
                name,
                ...(def.canonical
                  ? { definition: def.canonical }
                  : name.startsWith('_')
                    ? { definition: `${STANDARD}Resource${name.replace('_', '-')}` }
                    : {}),
                type: def.type,
              })),
              // Special parameters the consumer statement lists per resource; they work on every type here.
              { name: '_filter', type: 'special', documentation: 'and, or, not(), parenthèses ; chaînages compris' },
              { name: '_has', type: 'special' },
            ],
          })),
          searchParam: [
            { name: '_count', type: 'number' },
            { name: '_sort', type: 'string' },
            { name: '_include', type: 'special' },
            { name: '_revinclude', type: 'special' },
            { name: '_summary', type: 'token', documentation: 'count, data, false' },
            {
              name: '_elements',
              type: 'string',
              documentation:
                'lecture et recherche ; éléments obligatoires du profil conservés, étiquette SUBSETTED ; Type.élément pour les ressources incluses',
            },
          ],
          operation: [{ name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export' }],
        },
      ],
    };
  }
}
