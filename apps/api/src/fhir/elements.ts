import { type ResourceType, rorExtension } from './fhir.constants.js';
import { invalidParameter } from './fhir-errors.js';
import type { FhirResource } from './mapping/fhir-types.js';

/**
 * Elements and extensions each ROR profile makes mandatory (min ≥ 1 in data/fhir/ror-profiles-summary-0.7.0.json;
 * the base R4 resources have none): `_elements` always keeps them, as FHIR R4 asks of servers.
 */
export const MANDATORY: Record<ResourceType, { elements: string[]; extensions: string[] }> = {
  HealthcareService: {
    elements: ['identifier', 'providedBy', 'type', 'specialty', 'name', 'characteristic'],
    extensions: [
      'ror-healthcareservice-sensitive-unit',
      'ror-healthcareservice-patient-type',
      'ror-meta-creation-date',
    ],
  },
  Location: { elements: [], extensions: ['ror-commune-cog', 'ror-meta-creation-date'] },
  Organization: { elements: [], extensions: ['ror-meta-creation-date'] },
  Practitioner: { elements: ['identifier'], extensions: ['ror-meta-creation-date'] },
  PractitionerRole: {
    elements: ['practitioner', 'code', 'specialty', 'healthcareService'],
    extensions: ['ror-practitionerrole-unit-exercise-mode', 'ror-meta-creation-date'],
  },
};

export const SUBSETTED = {
  system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  code: 'SUBSETTED',
  display: 'Resource encoded in summary mode',
};

/** `_elements` names: `name` (the searched or read type) or `Type.name` (that type, included resources too). */
export type Elements = { type: string | null; name: string }[];

const NAME = /^(?:([A-Z][A-Za-z]+)\.)?([a-z][A-Za-z0-9]*)$/;

export function parseElements(values: string[]): Elements {
  return values
    .flatMap((v) => v.split(','))
    .map((raw) => raw.trim())
    .filter(Boolean)
    .map((raw) => {
      const m = NAME.exec(raw);
      if (!m) throw invalidParameter('_elements', `nom d’élément invalide « ${raw} »`);
      return { type: m[1] ?? null, name: m[2]! };
    });
}

/**
 * The resource reduced to the elements asked for it (unqualified names apply to the primary resources only),
 * plus id, meta, the mandatory elements and extensions, tagged SUBSETTED; unchanged when none is asked for it.
 */
export function subset(resource: FhirResource, elements: Elements, primary: boolean): FhirResource {
  const type = resource.resourceType as ResourceType;
  const asked = new Set(elements.filter((e) => (e.type ? e.type === type : primary)).map((e) => e.name));
  if (asked.size === 0) return resource;
  const mandatory = MANDATORY[type];
  const keep = new Set([...asked, ...mandatory.elements]);
  const meta = resource.meta as { tag?: unknown[] } | undefined;
  const out: FhirResource = {
    resourceType: type,
    id: resource.id,
    meta: { ...meta, tag: [...(meta?.tag ?? []), SUBSETTED] },
  };
  for (const [key, value] of Object.entries(resource)) {
    if (key === 'extension' && !asked.has('extension')) {
      const urls = new Set(mandatory.extensions.map(rorExtension));
      const kept = (value as { url: string }[]).filter((x) => urls.has(x.url));
      if (kept.length) out.extension = kept;
    } else if (keep.has(key) || key === 'modifierExtension') out[key] = value;
  }
  return out;
}
