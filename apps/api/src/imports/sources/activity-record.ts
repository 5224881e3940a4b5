import { RecordError } from './structure-record.js';

/** Where an authorisation line comes from: the FINESS+ Activités flow or a legacy etalab section. */
export type ActivityOrigin = 'finess-plus' | 'equipementsocial' | 'equipmateriellourd' | 'activiteoffresoin';

/** ANS status of an activity (finess.md §8.2): 1 active and implemented, 2 active not yet implemented, 3 inactive. */
export type ActivityStatus = 1 | 2 | 3;

/**
 * An authorisation (on the EJ) or an exercised activity (on an EG), with its FINESS capacities, as FINESS says
 * it: read-only data of the ROR (ror-business.md §2, "Authorisations & FINESS capacities").
 */
export type ActivityRecord = {
  /** Stable business key: the FINESS+ `activiteAeId`, or the identifying fields of a legacy line. */
  sourceKey: string;
  origin: ActivityOrigin;
  scope: 'EJ' | 'EG';
  finess: string;
  ejFiness: string | null;
  /** On an exercised activity: the key of the authorisation it implements. */
  authorizationKey: string | null;
  /** FINESS+ `codeNature` (AASA, ASR, AMF, AMM, EML, ASDR, ASOCR, AMSR, AER), `ES` for legacy social equipment. */
  nature: string;
  /** ANS's flat activity code: the nature and its specific codes joined by `_` (e.g. `AMF_18_69_15`). */
  activityCode: string;
  codes: Record<string, string>;
  /** Labels the legacy extracts carry beside their codes (FINESS+ gives codes only). */
  labels: Record<string, string> | null;
  status: ActivityStatus;
  arhgosNumber: string | null;
  startsOn: string | null;
  endsOn: string | null;
  closedOn: string | null;
  authorisedCapacity: number | null;
  installedCapacity: number | null;
  finessUpdatedAt: string | null;
};

/** A FINESS+ grouping: GHT (`gcc`, a convention) or GCS/GIE (`gco`, itself a legal entity of `pmej`). */
export type GroupingRecord = {
  kind: 'GCC' | 'GCO';
  /** `gccId`, or the GCO's own `pmSmsseId`. */
  sourceId: string;
  name: string | null;
  /** TRE_R371 (GCC) or TRE_R372 (GCO) type code. */
  typeCode: string | null;
  externalId: string | null;
  /** EJs (`PM`, by pmSmsseId) and EGs (`EGE`, by egeId); role S = support, M = member (TRE_R360). */
  members: { type: 'PM' | 'EGE'; id: string; role: string | null }[];
  closedOn: string | null;
  finessUpdatedAt: string | null;
};

/** A FINESS+ administrative event (only the fields the status rule reads). */
export type FinessEvent = { codeEvenement?: string | null; dateEvenement?: string | null; evenementId?: string | null };

/**
 * ANS's status rule (finess.md §8.2): `etatObjet` I → 3; A and the latest of its events coded 12/15 is a 12
 * (mise en œuvre) → 1; otherwise 2. Events are ordered by date, then by id for events of the same day.
 */
export function activityStatus(
  etatObjet: string | null | undefined,
  events: FinessEvent[] | null | undefined,
): ActivityStatus {
  if (etatObjet === 'I') return 3;
  if (etatObjet !== 'A') throw new RecordError(`etatObjet inconnu : « ${etatObjet ?? ''} »`);
  // Codes come as `012` / `015` (TRE_R376); compared as numbers.
  const latest = (events ?? [])
    .filter((e) => Number(e.codeEvenement) === 12 || Number(e.codeEvenement) === 15)
    .sort(
      (a, b) =>
        (a.dateEvenement ?? '').localeCompare(b.dateEvenement ?? '') ||
        Number(a.evenementId ?? 0) - Number(b.evenementId ?? 0),
    )
    .at(-1);
  return Number(latest?.codeEvenement) === 12 ? 1 : 2;
}

/** A count from a FINESS string field; empty → null, anything but a non-negative integer rejects the line. */
export function count(value: string | null | undefined, field: string): number | null {
  const v = value?.trim();
  if (!v) return null;
  if (!/^\d{1,7}$/.test(v)) throw new RecordError(`${field} invalide : « ${value} »`);
  return Number(v);
}
