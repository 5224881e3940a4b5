import { Injectable } from '@nestjs/common';
import type { AccessPolicy } from './access-policy.js';
import { FhirDatabase } from './fhir-database.js';
import type { ResourceType } from './fhir.constants.js';
import { rowSelect, TABLE } from './fhir-row-sql.js';
import type { RowOf } from './fhir-rows.js';
import { paramDef } from './search/search-parameters.js';
import { countQuery, pageQuery } from './search/search-query.js';
import type { Include, SearchRequest } from './search/search-request.js';

/** Audit entity type of each FHIR resource type (the admin resource names, common/crud). */
const AUDIT_TYPE: Record<ResourceType, string> = {
  Organization: 'organizations',
  HealthcareService: 'healthcare-services',
  Location: 'locations',
  Practitioner: 'practitioners',
  PractitionerRole: 'practitioner-roles',
};

export type Deletion = { id: string; deletedAt: Date };

/** Every SQL statement of the FHIR API. */
@Injectable()
export class FhirRepository {
  constructor(private readonly db: FhirDatabase) {}

  /**
   * Full rows of the given ids the client may see, in the order of `ids`: one statement per call whatever the
   * number of ids (children aggregated in it), prepared once per connection (its text depends only on the type
   * and the client's policy).
   */
  async rows<T extends ResourceType>(type: T, ids: string[], policy: AccessPolicy): Promise<RowOf[T][]> {
    if (ids.length === 0) return [];
    const found = await this.db.prepared<RowOf[T]>(
      `${rowSelect(type, policy)} WHERE x.id = ANY($1::uuid[]) AND ${policy.visibleSql(type, 'x')}`,
      [ids],
    );
    const byId = new Map(found.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((r) => r !== undefined);
  }

  /** Async so that a parameter error while building the SQL rejects instead of throwing. */
  async page(req: SearchRequest, policy: AccessPolicy): Promise<{ id: string; sort: string | number }[]> {
    const { sql, params } = pageQuery(req, policy);
    return this.db.query(sql, params);
  }

  async count(req: SearchRequest, policy: AccessPolicy): Promise<number> {
    const { sql, params } = countQuery(req, policy);
    const [{ total }] = await this.db.query<{ total: number }>(sql, params);
    return total;
  }

  /** Ids an include (or revinclude) adds for the given ids; `Organization:partof` iterated goes up to the EJ. */
  async includeIds(inc: Include, ids: string[], iterate: boolean): Promise<string[]> {
    if (ids.length === 0) return [];
    const ref = paramDef(inc.source, inc.param)!.ref!;
    let sql: string;
    if (inc.source === 'Organization' && inc.param === 'partof' && !inc.reverse && iterate) {
      sql = `WITH RECURSIVE up(id) AS (
               SELECT parent_id FROM organization WHERE id = ANY($1::uuid[]) AND parent_id IS NOT NULL
               UNION SELECT o.parent_id FROM organization o JOIN up ON o.id = up.id WHERE o.parent_id IS NOT NULL)
             SELECT id::text FROM up`;
    } else if (ref.column) {
      sql = inc.reverse
        ? `SELECT id::text FROM ${TABLE[inc.source]} WHERE ${ref.column} = ANY($1::uuid[]) ORDER BY id`
        : `SELECT DISTINCT ${ref.column}::text AS id FROM ${TABLE[inc.source]} WHERE id = ANY($1::uuid[]) AND ${ref.column} IS NOT NULL`;
    } else {
      const l = ref.link!;
      sql = inc.reverse
        ? `SELECT DISTINCT ${l.source}::text AS id FROM ${l.table} WHERE ${l.target} = ANY($1::uuid[])`
        : `SELECT DISTINCT ${l.target}::text AS id FROM ${l.table} WHERE ${l.source} = ANY($1::uuid[])`;
    }
    const rows: { id: string }[] = await this.db.query(sql, [ids]);
    return rows.map((r) => r.id);
  }

  /** Deletions recorded by the audit log (rows are physically deleted; the audit keeps the tombstone). */
  async deletions(type: ResourceType, options: { id?: string; since?: Date; limit: number }): Promise<Deletion[]> {
    const params: unknown[] = [AUDIT_TYPE[type]];
    let where = `entity_type = $1 AND action = 'delete'`;
    if (options.id) where += ` AND entity_id = $${params.push(options.id)}`;
    if (options.since) where += ` AND occurred_at >= $${params.push(options.since)}`;
    return this.db.query(
      `SELECT entity_id AS id, occurred_at AS "deletedAt" FROM audit_event WHERE ${where}
       ORDER BY occurred_at DESC LIMIT $${params.push(options.limit)}`,
      params,
    );
  }

  /** Ids of rows changed since a time (type-level history), newest first. */
  async changedIds(
    type: ResourceType,
    since: Date | undefined,
    limit: number,
    policy: AccessPolicy,
  ): Promise<string[]> {
    const params: unknown[] = [limit];
    const sinceSql = since ? ` AND x.updated_at >= $${params.push(since)}` : '';
    const rows: { id: string }[] = await this.db.query(
      `SELECT x.id::text AS id FROM ${TABLE[type]} x WHERE ${policy.visibleSql(type, 'x')}${sinceSql}
       ORDER BY x.updated_at DESC, x.id DESC LIMIT $1`,
      params,
    );
    return rows.map((r) => r.id);
  }

  /**
   * Walks the full rows of every visible row of a type changed since `since`, `batch` at a time, through a
   * server-side cursor in one snapshot, so an export of the whole country runs in constant memory. The next
   * batch is fetched while `work` handles the current one (PostgreSQL and Node work side by side).
   */
  async forEachBatch<T extends ResourceType>(
    type: T,
    filter: { since: Date | null; regions: string[] },
    policy: AccessPolicy,
    batch: number,
    work: (rows: RowOf[T][]) => Promise<void>,
  ): Promise<void> {
    await this.db.withClient(async (client) => {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        const params: unknown[] = [];
        let where = policy.visibleSql(type, 'x');
        if (filter.since) where += ` AND x.updated_at >= $${params.push(filter.since)}`;
        if (filter.regions.length) {
          const regions = `$${params.push(filter.regions)}::text[]`;
          where +=
            type === 'Practitioner'
              ? ` AND EXISTS (SELECT 1 FROM practitioner_role pr WHERE pr.practitioner_id = x.id AND pr.region_code = ANY(${regions}))`
              : ` AND x.region_code = ANY(${regions})`;
        }
        await client.query(
          `DECLARE export_cursor NO SCROLL CURSOR FOR ${rowSelect(type, policy)} WHERE ${where}`,
          params,
        );
        const fetch = () => client.query<RowOf[T]>(`FETCH ${Math.floor(batch)} FROM export_cursor`);
        let next = fetch();
        for (;;) {
          const { rows } = await next;
          if (rows.length === 0) break;
          next = fetch();
          // Settled here if `work` throws, so that the pending FETCH cannot become an unhandled rejection.
          next.catch(() => {});
          await work(rows);
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    });
  }
}
