import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/transaction.js';
import {
  auditedWrite,
  type BulkColumn,
  bulkUpsert,
  type BulkSpec,
  returningStates,
  type WriteCounts,
} from './bulk-upsert.js';
import type { RunRef } from './imported-records.repository.js';

/** One FINESS authorisation or exercised activity as the import writes it (snake_case: a JSON recordset). */
export type ActivityRow = {
  source_key: string;
  origin: string;
  scope: 'EJ' | 'EG';
  finess: string;
  ej_finess: string | null;
  authorization_key: string | null;
  nature: string;
  activity_code: string;
  codes: Record<string, string>;
  labels: Record<string, string> | null;
  status: number;
  arhgos_number: string | null;
  starts_on: string | null;
  ends_on: string | null;
  closed_on: string | null;
  authorised_capacity: number | null;
  installed_capacity: number | null;
  finess_updated_at: string | null;
  finess_source: string;
  import_run_id: string;
};

/** One FINESS+ grouping (GHT or GCS/GIE) as the import writes it. */
export type GroupingRow = {
  kind: 'GCC' | 'GCO';
  source_id: string;
  name: string | null;
  type_code: string | null;
  external_id: string | null;
  members: { type: string; id: string; role: string | null }[];
  closed_on: string | null;
  finess_updated_at: string | null;
  finess_source: string;
  import_run_id: string;
};

/** A FINESS-owned table of migration 1764600000000: its business key, owned columns and all its columns. */
function finessTable(table: string, entityType: string, key: BulkColumn[], owned: BulkColumn[]) {
  const stamped: BulkColumn[] = [
    ['finess_source', 'text'],
    ['import_run_id', 'uuid'],
  ];
  const spec: BulkSpec = { table, entityType, key: key.map(([n]) => n), owned, stamped };
  const input = [...key, ...owned, ...stamped];
  return { spec, input, columns: ['id', ...input.map(([n]) => n), 'created_at', 'updated_at', 'version'] };
}

const ACTIVITY = finessTable(
  'finess_activity',
  'finess-activities',
  [['source_key', 'text']],
  [
    ['origin', 'text'],
    ['scope', 'text'],
    ['finess', 'char(9)'],
    ['ej_finess', 'char(9)'],
    ['authorization_key', 'text'],
    ['nature', 'text'],
    ['activity_code', 'text'],
    ['codes', 'jsonb'],
    ['labels', 'jsonb'],
    ['status', 'int2'],
    ['arhgos_number', 'text'],
    ['starts_on', 'date'],
    ['ends_on', 'date'],
    ['closed_on', 'date'],
    ['authorised_capacity', 'int4'],
    ['installed_capacity', 'int4'],
    ['finess_updated_at', 'timestamptz'],
  ],
);

const GROUPING = finessTable(
  'finess_grouping',
  'finess-groupings',
  [
    ['kind', 'text'],
    ['source_id', 'text'],
  ],
  [
    ['name', 'text'],
    ['type_code', 'text'],
    ['external_id', 'text'],
    ['members', 'jsonb'],
    ['closed_on', 'date'],
    ['finess_updated_at', 'timestamptz'],
  ],
);

/**
 * Writes of the FINESS authorisations / activities and of the FINESS+ groupings: one idempotent, audited
 * statement per batch and table (the imports' bulk upsert); a closure or an inactive status is a value,
 * never a delete.
 */
/** Seen keys (import_seen_key) of what a run lists: activities by source key, groupings by kind and id. */
export const activitySeenKey = (sourceKey: string) => `A ${sourceKey}`;
export const groupingSeenKey = (kind: string, sourceId: string) => `G ${kind} ${sourceId}`;
/** Open rows of the origins / kinds a run read that it does not list. */
const GONE_ACTIVITY = `t.origin = ANY($2) AND t.closed_on IS NULL
  AND NOT EXISTS (SELECT 1 FROM import_seen_key s WHERE s.run_id = $1 AND s.key = 'A ' || t.source_key)`;
const GONE_GROUPING = `t.kind = ANY($2) AND t.closed_on IS NULL
  AND NOT EXISTS (SELECT 1 FROM import_seen_key s WHERE s.run_id = $1 AND s.key = 'G ' || t.kind || ' ' || t.source_id)`;

@Injectable()
export class FinessAuthorisationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** How many open authorisations and groupings of these origins / kinds the run does not list, out of how many. */
  async countGone(runId: string, origins: string[], kinds: string[]): Promise<{ missing: number; known: number }> {
    const [row] = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM finess_activity t WHERE ${GONE_ACTIVITY})::int
            + (SELECT count(*) FROM finess_grouping t WHERE ${GONE_GROUPING.replace('$2', '$3')})::int AS missing,
              (SELECT count(*) FROM finess_activity WHERE origin = ANY($2) AND closed_on IS NULL)::int
            + (SELECT count(*) FROM finess_grouping WHERE kind = ANY($3) AND closed_on IS NULL)::int AS known`,
      [runId, origins, kinds],
    );
    return row;
  }

  /**
   * Closes (never deletes) what a complete file no longer lists: an authorisation becomes inactive (status 3)
   * from that date, a grouping is closed. A later file listing them writes them open again.
   */
  async closeGone(tx: Tx, run: RunRef, origins: string[], kinds: string[], closedOn: string): Promise<WriteCounts> {
    const activities = await auditedWrite(
      tx,
      `WITH written AS (
         UPDATE finess_activity t SET status = 3, closed_on = $3, import_run_id = $1, updated_at = now(),
           version = t.version + 1
         WHERE ${GONE_ACTIVITY}
         ${returningStates(ACTIVITY.columns)})`,
      [run.id, origins, closedOn],
      ACTIVITY.spec.entityType,
      run.actor,
      run.id,
    );
    const groupings = await auditedWrite(
      tx,
      `WITH written AS (
         UPDATE finess_grouping t SET closed_on = $3, import_run_id = $1, updated_at = now(), version = t.version + 1
         WHERE ${GONE_GROUPING}
         ${returningStates(GROUPING.columns)})`,
      [run.id, kinds, closedOn],
      GROUPING.spec.entityType,
      run.actor,
      run.id,
    );
    return {
      created: 0,
      closed: activities.closed + groupings.closed,
      written: activities.written + groupings.written,
      sameRun: 0,
    };
  }

  upsertActivities(tx: Tx, run: RunRef, rows: ActivityRow[]): Promise<WriteCounts> {
    return bulkUpsert(tx, ACTIVITY.spec, rows, ACTIVITY.input, run, ACTIVITY.columns);
  }

  upsertGroupings(tx: Tx, run: RunRef, rows: GroupingRow[]): Promise<WriteCounts> {
    return bulkUpsert(tx, GROUPING.spec, rows, GROUPING.input, run, GROUPING.columns);
  }
}
