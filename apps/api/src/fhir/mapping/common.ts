import type { Address, Coding } from '../../common/schemas.js';
import type { AccessPolicy } from '../access-policy.js';
import { PROFILE, type ResourceType, rorExtension, SYSTEM } from '../fhir.constants.js';
import type { ContactRow, TelecomRow } from '../fhir-rows.js';
import type { CodeableConcept, Extension } from './fhir-types.js';

/** A stored NOS coding as a CodeableConcept (system = the TRE URL, as instances and search tokens use). */
export function cc(coding: Coding): CodeableConcept {
  const { system, code, display } = coding as Coding & { display?: string | null };
  return { coding: [display ? { system, code, display } : { system, code }] };
}

export const ext = (id: string, value: Record<string, unknown>): Extension => ({ url: rorExtension(id), ...value });

export const dateTime = (d: Date | string) => (d instanceof Date ? d.toISOString() : d);

/** meta (profile, lastUpdated, region tag) and the creation-date extension every ROR resource carries. */
export function metaOf(type: ResourceType, row: { updatedAt: Date; versionId: string; regionCode: string | null }) {
  return {
    versionId: row.versionId,
    lastUpdated: row.updatedAt.toISOString(),
    profile: [PROFILE[type]],
    ...(row.regionCode ? { tag: [{ system: SYSTEM.region, code: row.regionCode }] } : {}),
  };
}

export const creationDate = (row: { createdAt: Date }) =>
  ext('ror-meta-creation-date', { valueDateTime: row.createdAt.toISOString() });

/** R200 channel → ContactPoint.system. */
const CONTACT_SYSTEM: Record<string, string> = {
  '1': 'phone',
  '2': 'phone',
  '3': 'email',
  '4': 'url',
  '6': 'fax',
  '8': 'phone',
  '9': 'email',
  MSSANTE: 'email',
};

export function contactPoint(t: TelecomRow) {
  return {
    extension: [
      ext('ror-telecom-communication-channel', { valueCodeableConcept: cc(t.channel) }),
      ...(t.usage ? [ext('ror-telecom-usage', { valueString: t.usage })] : []),
      ext('ror-telecom-confidentiality-level', { valueCodeableConcept: cc(t.confidentiality) }),
    ],
    system: CONTACT_SYSTEM[t.channel.code] ?? 'other',
    value: t.value,
  };
}

/** Contacts and their telecoms the client may see (each carries its own confidentiality level). */
export function visibleContacts(contacts: ContactRow[], policy: AccessPolicy, activityFields: string[]): ContactRow[] {
  const allowed = policy.confidentialityCodes(activityFields);
  return contacts
    .filter((c) => allowed.has(c.confidentiality.code))
    .map((c) => ({ ...c, telecoms: c.telecoms.filter((t) => allowed.has(t.confidentiality.code)) }));
}

/** Address as the IG writes it: one line, postal code, city (structured ADXP parts are not stored). */
export function address(a: Address) {
  if (!a || (!a.line && !a.postalCode && !a.city)) return undefined;
  return {
    ...(a.line ? { line: [a.line] } : {}),
    ...(a.city ? { city: a.city } : {}),
    ...(a.postalCode ? { postalCode: a.postalCode } : {}),
  };
}

export const reference = (type: ResourceType, id: string) => ({ reference: `${type}/${id}` });

/**
 * The resource without its undefined, null and empty-array members (FHIR forbids empty elements). A new object
 * rather than `delete`: deleting turns an object into a dictionary, which JSON.stringify serialises ~25 % slower.
 */
export function compact<T extends Record<string, unknown>>(resource: T): T {
  const kept: Record<string, unknown> = {};
  for (const k in resource) {
    const v = resource[k];
    if (v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)) kept[k] = v;
  }
  return kept as T;
}
