import type { ActivityRecord, GroupingRecord } from './activity-record.js';

/** What a FINESS source (legacy CSV or FINESS+ JSON) says about one structure, before checks and storage. */
export type StructureRecord = {
  kind: 'EJ' | 'EG';
  finess: string;
  /** The EJ of an EG. */
  parentFiness: string | null;
  name: string;
  siren: string | null;
  siret: string | null;
  /** TRE_R72 statut juridique (EJ). */
  legalStatusCode: string | null;
  /** TRE_R66 catégorie d'établissement (EG). */
  categoryCode: string | null;
  street: StreetParts;
  postalCode: string | null;
  city: string | null;
  /** INSEE COG code, already rebuilt from the FINESS département/commune pair. */
  communeCode: string | null;
  position: RawPosition | null;
  openedOn: string | null;
  closedOn: string | null;
  /** FINESS says the structure is closed (FINESS+ `etatObjet` I or a closing date). */
  closed: boolean;
  finessUpdatedAt: string | null;
  /** FINESS fields with no ROR attribute of their own, kept read-only (phone, APE, MFT, SPH…). */
  data: Record<string, string | null>;
};

export type StreetParts = {
  number: string | null;
  repetition: string | null;
  typeCode: string | null;
  name: string | null;
  place: string | null;
  complement: string | null;
};

/** Coordinates as found: projected metres with their CRS, and/or degrees, in an order that is not trusted. */
export type RawPosition = {
  projected?: [number, number];
  crs?: string | null;
  degrees?: [number, number];
  precision?: string | null;
};

export type GeolocationRecord = { finess: string; position: RawPosition; updatedAt: string | null };

export type FinessRecord =
  | { structure: StructureRecord }
  | { geolocation: GeolocationRecord }
  | { activity: ActivityRecord }
  | { grouping: GroupingRecord }
  | { ignored: string };

/**
 * One numbered line (or JSON entry) of a FINESS source: a record, or why it cannot be imported. A rejected
 * line names the structure it lists when its FINESS number can still be read (`finess`: not taken as gone);
 * `incomplete`: what the file lists cannot be known any more (a truncated last line, a structure line without
 * a readable number), so no structure is taken as gone.
 */
export type FinessItem =
  ({ line: number } & FinessRecord) | { line: number; error: string; raw?: string; finess?: string; incomplete?: true };

/** FINESS numbers: 9 characters, département first (2A/2B in Corsica). */
export const FINESS_NUMBER = /^[0-9][0-9AB][0-9]{7}$/;

/** Dates already checked valid: a national file repeats a few thousand dates over hundreds of thousands of lines. */
const validDates = new Set<string>();
const MAX_VALID_DATES = 100_000;

/** `YYYY-MM-DD` checked as a calendar date; FINESS's default 1900-01-01 means unknown. Throws on bad dates. */
export function finessDate(value: string | null | undefined, field: string): string | null {
  const v = value?.trim().slice(0, 10);
  if (!v) return null;
  if (!validDates.has(v)) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
    if (!date || date.toISOString().slice(0, 10) !== v)
      throw new RecordError(`date invalide pour ${field} : « ${value} »`);
    if (validDates.size >= MAX_VALID_DATES) validDates.clear();
    validDates.add(v);
  }
  return v === '1900-01-01' ? null : v;
}

/** A line that cannot be imported; its message becomes the rejection reason. */
export class RecordError extends Error {}

const NOT_CLEAN = /^\s|\s$|\s\s|[^\S ]/;

/** Trimmed, with inner runs of spaces collapsed (FINESS+ pads strings); empty → null. */
export function clean(value: string | null | undefined): string | null {
  if (!value) return null;
  // Most fields have nothing to collapse: tested first, so that they are not copied.
  const v = NOT_CLEAN.test(value) ? value.replace(/\s+/g, ' ').trim() : value;
  return v ? v : null;
}

/** FINESS legacy overseas département codes → INSEE (shared/geo/finess_legacy_departement_codes.csv). */
const LEGACY_OVERSEAS: Record<string, string> = {
  '9A': '97',
  '9B': '97',
  '9C': '97',
  '9D': '97',
  '9E': '97',
  '9F': '97',
  '9J': '98',
};

/**
 * INSEE commune code from the FINESS département + 3-digit commune (finess.md §6). Saint-Barthélemy and
 * Saint-Martin are still filed under 9A with their pre-2007 codes 123/127: told apart by postcode.
 */
export function inseeCommune(departement: string, commune: string, postalCode: string | null): string {
  if (!/^[0-9][0-9A-Z]$/.test(departement) || !/^[0-9]{3}$/.test(commune)) {
    throw new RecordError(`code commune invalide : département « ${departement} », commune « ${commune} »`);
  }
  if (departement === '9A' && postalCode === '97133') return '97701';
  if (departement === '9A' && postalCode === '97150') return '97801';
  const prefix = LEGACY_OVERSEAS[departement];
  return prefix ? `${prefix}${commune}` : `${departement}${commune}`;
}
