import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transaction.js';
import { type BulkColumn, bulkUpsert, type BulkSpec, type WriteCounts } from './bulk-upsert.js';
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
@Injectable()
export class FinessAuthorisationsRepository {
  upsertActivities(tx: Tx, run: RunRef, rows: ActivityRow[]): Promise<WriteCounts> {
    return bulkUpsert(tx, ACTIVITY.spec, rows, ACTIVITY.input, run, ACTIVITY.columns);
  }

  upsertGroupings(tx: Tx, run: RunRef, rows: GroupingRow[]): Promise<WriteCounts> {
    return bulkUpsert(tx, GROUPING.spec, rows, GROUPING.input, run, GROUPING.columns);
  }
}
