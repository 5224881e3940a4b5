/** Plain FHIR JSON: resources are built as objects and serialised; the validator in the tests checks them. */
export type FhirResource = { resourceType: string; id?: string; [key: string]: unknown };
export type Extension = { url: string; [key: string]: unknown };
export type CodeableConcept = { coding: { system: string; code: string; display?: string }[] };
