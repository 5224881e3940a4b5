import type { FhirResource } from './mapping/fhir-types.js';

export type BundleEntry = {
  fullUrl?: string;
  resource?: FhirResource;
  search?: { mode: 'match' | 'include' | 'outcome'; extension?: unknown[] };
  request?: { method: string; url: string };
  response?: { status: string; etag?: string; lastModified?: string };
};

export function operationOutcome(
  issues: {
    severity: 'fatal' | 'error' | 'warning' | 'information';
    code: string;
    diagnostics: string;
    expression?: string;
  }[],
): FhirResource {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map(({ expression, ...i }) => ({ ...i, ...(expression ? { expression: [expression] } : {}) })),
  };
}

export const fullUrl = (base: string, r: FhirResource) => `${base}/${r.resourceType}/${r.id}`;
