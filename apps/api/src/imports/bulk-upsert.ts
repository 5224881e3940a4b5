import type { Tx } from '../database/transaction.js';

/** A column of a bulk upsert: its name and the SQL type its JSON value is read as. */
export type BulkColumn = [name: string, type: string];

export type BulkSpec = {
  table: string;
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

export type Written = { before: Record<string, unknown> | null; after: Record<string, unknown> };

/**
 * One statement per batch: INSERT … ON CONFLICT (key) DO UPDATE … WHERE the owned columns are distinct,
 * so an unchanged record is neither rewritten nor returned. Returns each written row with its previous
 * state (NULL when created), for the counts and the audit events. Rows must have distinct keys.
 */
export async function bulkUpsert(
  tx: Tx,
  spec: BulkSpec,
  rows: Record<string, unknown>[],
  inputColumns: BulkColumn[],
): Promise<Written[]> {
  if (rows.length === 0) return [];
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
  const keyMatch = spec.key.map((k) => `t.${k} = i.${k}`).join(' AND ');
  const sql = `
    WITH i AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(${recordset})),
    before AS (SELECT t.* FROM ${spec.table} t JOIN i ON ${keyMatch}${spec.keyPredicate ? ` AND t.${spec.keyPredicate}` : ''}),
    written AS (
      INSERT INTO ${spec.table} AS t (${insertColumns.join(', ')})
      SELECT ${insertValues.join(', ')} FROM i ${spec.joins ?? ''}
      ON CONFLICT (${spec.key.join(', ')})${spec.keyPredicate ? ` WHERE ${spec.keyPredicate}` : ''} DO UPDATE SET
        ${[...owned, ...stamped].map((c) => `${c} = EXCLUDED.${c}`).join(', ')},
        updated_at = now(), version = t.version + 1
      WHERE (${owned.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM (${owned.map((c) => `EXCLUDED.${c}`).join(', ')})
      RETURNING t.*
    )
    SELECT to_jsonb(w) AS after, to_jsonb(b) AS before FROM written w LEFT JOIN before b ON b.id = w.id`;
  return tx.query(sql, [JSON.stringify(rows)]);
}
