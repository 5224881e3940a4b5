import type { ActivityRow, GroupingRow } from './finess-authorisations.repository.js';
import type { ActivityRecord, GroupingRecord } from './sources/activity-record.js';

/**
 * FINESS authorisations and groupings as rows. Their codes are FINESS's own (TRE_R274-R276, R401-R404,
 * R272, R371-R372…): the ROR binds no value set to them (they are no ROR attribute, ror-ig.md §2), so they
 * are kept as FINESS gives them, checked for shape by the readers only.
 */
export function activityRow(a: ActivityRecord, source: string, runId: string): ActivityRow {
  return {
    source_key: a.sourceKey,
    origin: a.origin,
    scope: a.scope,
    finess: a.finess,
    ej_finess: a.ejFiness,
    authorization_key: a.authorizationKey,
    nature: a.nature,
    activity_code: a.activityCode,
    codes: a.codes,
    labels: a.labels,
    status: a.status,
    arhgos_number: a.arhgosNumber,
    starts_on: a.startsOn,
    ends_on: a.endsOn,
    closed_on: a.closedOn,
    authorised_capacity: a.authorisedCapacity,
    installed_capacity: a.installedCapacity,
    finess_updated_at: a.finessUpdatedAt,
    finess_source: source,
    import_run_id: runId,
  };
}

export function groupingRow(g: GroupingRecord, source: string, runId: string): GroupingRow {
  return {
    kind: g.kind,
    source_id: g.sourceId,
    name: g.name,
    type_code: g.typeCode,
    external_id: g.externalId,
    members: g.members,
    closed_on: g.closedOn,
    finess_updated_at: g.finessUpdatedAt,
    finess_source: source,
    import_run_id: runId,
  };
}
