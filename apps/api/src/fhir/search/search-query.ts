import type { AccessPolicy } from '../access-policy.js';
import { TABLE } from '../fhir-row-sql.js';
import { criteriaSql } from './criteria.js';
import { filterSql } from './filter.js';
import { distanceSql } from './search-parameters.js';
import type { SearchRequest } from './search-request.js';
import { SqlParams } from './sql-params.js';

/** Sort keys: the expression ordered on (index-friendly), its type for the cursor, and how to read it back exactly. */
const SORT: Record<string, { expr: (a: string) => string; cast: string; read?: (a: string) => string }> = {
  _id: { expr: (a) => `${a}.id`, cast: 'uuid', read: (a) => `${a}.id::text` },
  _lastUpdated: {
    expr: (a) => `${a}.updated_at`,
    cast: 'timestamptz',
    read: (a) => `to_char(${a}.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
  },
  name: { expr: (a) => `${a}.name`, cast: 'text' },
  identifier: { expr: (a) => `${a}.identifier`, cast: 'text' },
  family: { expr: (a) => `${a}.last_name`, cast: 'text' },
};

/** WHERE clause of a search (visibility, criteria, _filter) on alias `a`, with its bind parameters. */
export function searchWhere(req: SearchRequest, policy: AccessPolicy, a: string, p: SqlParams): string {
  const parts = [policy.visibleSql(req.type, a), ...criteriaSql(req.type, a, req.criteria, p, policy)];
  if (req.filter) parts.push(filterSql(req.type, a, req.filter, p, policy));
  return parts.join(' AND ');
}

/**
 * The page query: ids and sort keys after (or before) the cursor, keyset-ordered on (sort key, id) so pages
 * stay correct while rows are added or removed between requests. One row more than the page tells if
 * there is a next page.
 */
export function pageQuery(req: SearchRequest, policy: AccessPolicy): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const a = 'r';
  const where = searchWhere(req, policy, a, p);
  const sort =
    req.sort.key === '_distance'
      ? {
          expr: () => distanceSql(a, `${p.add(req.near!.lat)}::float8`, `${p.add(req.near!.lon)}::float8`),
          cast: 'float8',
        }
      : SORT[req.sort.key]!;
  const sortExpr = sort.expr(a);
  // Backwards pages walk the order in reverse, then the service flips them back.
  const descending = req.sort.descending !== (req.cursor?.backwards ?? false);
  const dir = descending ? 'DESC' : 'ASC';
  let keyset = '';
  if (req.cursor) {
    const [value, id] = req.cursor.values;
    keyset = ` AND (${sortExpr}, ${a}.id) ${descending ? '<' : '>'} (${p.add(value)}::${sort.cast}, ${p.add(id)}::uuid)`;
  }
  const sql = `SELECT ${a}.id::text AS id, ${(sort.read ?? sort.expr)(a)} AS sort
    FROM ${TABLE[req.type]} ${a} WHERE ${where}${keyset}
    ORDER BY ${sortExpr} ${dir}, ${a}.id ${dir} LIMIT ${p.add(req.count + 1)}`;
  return { sql, params: p.values };
}

export function countQuery(req: SearchRequest, policy: AccessPolicy): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const where = searchWhere(req, policy, 'r', p);
  return { sql: `SELECT count(*)::int AS total FROM ${TABLE[req.type]} r WHERE ${where}`, params: p.values };
}
