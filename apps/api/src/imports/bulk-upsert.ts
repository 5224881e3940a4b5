import type { Tx } from '../database/transaction.js';

/** A column of a bulk upsert: its name and the SQL type its JSON value is read as. */
export type BulkColumn = [name: string, type: string];

export type BulkSpec = {
  table: string;
  /** Audit entity type (the REST resource name, as the API's own audit events). */
  entityType: string;
  /** Columns of the conflict target (the business key) and the ON CONFLICT clause's predicate, if any. */
  key: string[];
  keyPredicate?: string;
  /** Columns the import owns: written on insert and update, compared to decide whether anything changed. */
  owned: BulkColumn[];
  /** Columns written but not compared (where the change came from). */
  stamped: BulkColumn[];
  /** Extra columns for the insert only (`column`, SQL expression over the input `i` and its joins). */
  insertOnly?: [string, string][];
  /** Joins resolving references (e.g. a parent id from its FINESS number), usable in `computed`. */
  joins?: string;
  /** Owned columns whose value is an SQL expression over `i` and the joins instead of the input itself. */
  computed?: Record<string, string>;
};

/** What one statement wrote: rows created, closed (closed_on set), otherwise updated; `sameRun` = rows the run had already written. */
export type WriteCounts = { created: number; closed: number; written: number; sameRun: number };

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * The RETURNING clause of a write (PostgreSQL ≥ 18 `old`/`new`): each row's state before and after, as
 * objects with the API's field names (finess_updated_at → finessUpdatedAt), built column by column.
 */
export function returningStates(columns: string[]): string {
  const state = (row: string) => `jsonb_build_object(${columns.map((c) => `'${camel(c)}', ${row}.${c}`).join(', ')})`;
  return `RETURNING new.id, CASE WHEN old.id IS NULL THEN NULL ELSE ${state('old')} END AS before, ${state('new')} AS after`;
}

/**
 * Runs `ctes` (which must define `written`, ending with `returningStates`) and, in the same statement,
 * records one audit event per written row with the run as actor. Thousands of rows cost one round trip.
 */
export async function auditedWrite(
  tx: Tx,
  ctes: string,
  params: unknown[],
  entityType: string,
  actor: string,
  runId: string,
): Promise<WriteCounts> {
  const n = params.length;
  const [counts] = await tx.query(
    `${ctes},
    audited AS (
      INSERT INTO audit_event (actor, action, entity_type, entity_id, before, after)
      SELECT $${n + 1}, CASE WHEN before IS NULL THEN 'create' ELSE 'update' END, $${n + 2}, id::text, before, after
      FROM written
      RETURNING 1)
    SELECT count(*) FILTER (WHERE before IS NULL)::int AS created,
      count(*) FILTER (WHERE before IS NOT NULL AND before->>'closedOn' IS NULL AND after->>'closedOn' IS NOT NULL)::int AS closed,
      count(*) FILTER (WHERE before->>'importRunId' = $${n + 3})::int AS "sameRun",
      count(*)::int AS written
    FROM written`,
    [...params, actor, entityType, runId],
  );
  return counts;
}

/**
 * One statement per batch: INSERT … ON CONFLICT (key) DO UPDATE … WHERE the owned columns are distinct,
 * so an unchanged record is neither rewritten nor audited. Rows must have distinct keys.
 */
export async function bulkUpsert(
  tx: Tx,
  spec: BulkSpec,
  rows: Record<string, unknown>[],
  inputColumns: BulkColumn[],
  run: { id: string; actor: string },
  tableColumns: string[],
): Promise<WriteCounts> {
  if (rows.length === 0) return { created: 0, closed: 0, written: 0, sameRun: 0 };
  const recordset = inputColumns.map(([n, t]) => `${n} ${t}`).join(', ');
  const owned = spec.owned.map(([n]) => n);
  const stamped = spec.stamped.map(([n]) => n);
  const value = (n: string) => spec.computed?.[n] ?? `i.${n}`;
  const insertColumns = [...spec.key, ...owned, ...stamped, ...(spec.insertOnly ?? []).map(([c]) => c)];
  const insertValues = [
    ...spec.key.map((k) => `i.${k}`),
    ...owned.map(value),
    ...stamped.map(value),
    ...(spec.insertOnly ?? []).map(([, e]) => e),
  ];
  const ctes = `
    WITH i AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(${recordset})),
    written AS (
      INSERT INTO ${spec.table} AS t (${insertColumns.join(', ')})
      SELECT ${insertValues.join(', ')} FROM i ${spec.joins ?? ''}
      ON CONFLICT (${spec.key.join(', ')})${spec.keyPredicate ? ` WHERE ${spec.keyPredicate}` : ''} DO UPDATE SET
        ${[...owned, ...stamped].map((c) => `${c} = EXCLUDED.${c}`).join(', ')},
        updated_at = now(), version = t.version + 1
      WHERE (${owned.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM (${owned.map((c) => `EXCLUDED.${c}`).join(', ')})
      ${returningStates(tableColumns)}
    )`;
  return auditedWrite(tx, ctes, [JSON.stringify(rows)], spec.entityType, run.actor, run.id);
}
