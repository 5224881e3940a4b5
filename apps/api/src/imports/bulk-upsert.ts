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
  /** Owned columns whose value is an SQL expression over `i`, the joins and the current row `t` (null when new). */
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
 * One statement per batch, set-based: the input is joined once to the table on its key; keys not found are
 * INSERTed (plain insert: the import is the only writer of these keys, and concurrent runs of one kind are
 * serialised), found rows are UPDATEd only where an owned column is distinct. An unchanged record is thus
 * neither locked, rewritten nor audited. Rows must have distinct keys.
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
  const written = [...owned, ...spec.stamped.map(([n]) => n)];
  const insertOnly = spec.insertOnly ?? [];
  const value = (n: string) => spec.computed?.[n] ?? `i.${n}`;
  const insertColumns = [...spec.key, ...written, ...insertOnly.map(([c]) => c)];
  const target = spec.keyPredicate ? `(SELECT * FROM ${spec.table} WHERE ${spec.keyPredicate})` : spec.table;
  const ctes = `
    WITH i AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(${recordset})),
    s AS MATERIALIZED (
      SELECT t.id AS current_id, ${[
        ...spec.key.map((k) => `i.${k}`),
        ...written.map((c) => `${value(c)} AS ${c}`),
        ...insertOnly.map(([c, e]) => `${e} AS ${c}`),
      ].join(', ')}
      FROM i ${spec.joins ?? ''}
      LEFT JOIN ${target} t ON ${spec.key.map((k) => `t.${k} = i.${k}`).join(' AND ')}),
    inserted AS (
      INSERT INTO ${spec.table} (${insertColumns.join(', ')})
      SELECT ${insertColumns.join(', ')} FROM s WHERE current_id IS NULL
      ${returningStates(tableColumns)}),
    updated AS (
      UPDATE ${spec.table} t SET ${written.map((c) => `${c} = s.${c}`).join(', ')}, updated_at = now(), version = t.version + 1
      FROM s
      WHERE t.id = s.current_id
        AND (${owned.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM (${owned.map((c) => `s.${c}`).join(', ')})
      ${returningStates(tableColumns)}),
    written AS (SELECT * FROM inserted UNION ALL SELECT * FROM updated)`;
  return auditedWrite(tx, ctes, [JSON.stringify(rows)], spec.entityType, run.actor, run.id);
}
