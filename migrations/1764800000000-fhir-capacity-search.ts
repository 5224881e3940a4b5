import type { MigrationInterface, QueryRunner } from 'typeorm';

const NATURE = 'https://mos.esante.gouv.fr/NOS/TRE_R329-NatureCapacite/FHIR/TRE-R329-NatureCapacite';
const STATUS = 'https://mos.esante.gouv.fr/NOS/TRE_R330-TypeStatutCapacite/FHIR/TRE-R330-TypeStatutCapacite';

/**
 * Capacity searches at national scale (docs/BENCHMARKS.md): `Location?capacity-type=…&capacity-status=…&
 * nb-capacity=gt0` ("places with an available bed") probed every place's indicators in the 1 GB capacity table.
 *
 * `location.capacity_keys` lists, for the place's indicators, the keys of their nature (`n01`), status (`s02`),
 * nature and status together (`01.02`), each again with `+` when the indicator's count is above 0 (`01.02+`),
 * and `+` alone: the same-indicator combinations of those three criteria (docs/fhir.md) become one array test,
 * index-only with the place's region (`location_capacity_search_idx`). Only codings of the bound TRE systems with
 * plain alphanumeric codes get keys, so a key found is exactly a coding the search would match (the search
 * builds keys only for such values and keeps the capacity subquery for anything else: search/capacity-keys.ts).
 *
 * Kept by statement-level triggers on `capacity`; bench/generate.mjs, which loads with triggers off, applies the
 * same function in bulk.
 */
export class FhirCapacitySearch1764800000000 implements MigrationInterface {
  name = 'FhirCapacitySearch1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE location ADD COLUMN capacity_keys text[] NOT NULL DEFAULT '{}'`);
    await q.query(`
      CREATE FUNCTION capacity_search_keys(nature jsonb, status jsonb, count integer) RETURNS text[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT array_remove(ARRAY['n' || n, 's' || s, n || '.' || s] || CASE WHEN count > 0
                 THEN ARRAY['+', 'n' || n || '+', 's' || s || '+', n || '.' || s || '+'] ELSE '{}' END, NULL)
        FROM (SELECT CASE WHEN nature->>'system' = '${NATURE}' AND nature->>'code' ~ '^[0-9A-Za-z]+$'
                          THEN nature->>'code' END AS n,
                     CASE WHEN status->>'system' = '${STATUS}' AND status->>'code' ~ '^[0-9A-Za-z]+$'
                          THEN status->>'code' END AS s) c $$`);
    // Only the derived column moves (updated_at and version stay the app's), and only when the keys change: a
    // count going from 3 to 2 rewrites nothing. Set-based, so the backfill (every place) joins once.
    await q.query(`
      CREATE FUNCTION refresh_location_capacity_keys(places uuid[]) RETURNS void
      LANGUAGE sql AS $$
        UPDATE location l SET capacity_keys = k.keys
        FROM (SELECT p.id, coalesce(array_agg(DISTINCT x ORDER BY x) FILTER (WHERE x IS NOT NULL), '{}') AS keys
              FROM unnest(places) p(id)
              LEFT JOIN capacity c ON c.location_id = p.id
              LEFT JOIN LATERAL unnest(capacity_search_keys(c.nature, c.status, c.count)) x ON true
              GROUP BY p.id) k
        WHERE l.id = k.id AND l.capacity_keys IS DISTINCT FROM k.keys $$`);
    // Backfill before the new indexes exist (bench/generate.mjs does the same after its load).
    await q.query(`SELECT refresh_location_capacity_keys(ARRAY(SELECT DISTINCT location_id FROM capacity))`);

    // Statement-level, so a bulk write of indicators refreshes each place once.
    await q.query(`
      CREATE FUNCTION capacity_keys_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          PERFORM refresh_location_capacity_keys(ARRAY(SELECT DISTINCT location_id FROM new_capacities));
        END IF;
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
          PERFORM refresh_location_capacity_keys(ARRAY(SELECT DISTINCT location_id FROM old_capacities));
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER capacity_keys_insert_trg AFTER INSERT ON capacity
      REFERENCING NEW TABLE AS new_capacities FOR EACH STATEMENT EXECUTE FUNCTION capacity_keys_refresh()`);
    await q.query(`
      CREATE TRIGGER capacity_keys_delete_trg AFTER DELETE ON capacity
      REFERENCING OLD TABLE AS old_capacities FOR EACH STATEMENT EXECUTE FUNCTION capacity_keys_refresh()`);
    await q.query(`
      CREATE TRIGGER capacity_keys_update_trg AFTER UPDATE ON capacity
      REFERENCING OLD TABLE AS old_capacities NEW TABLE AS new_capacities
      FOR EACH STATEMENT EXECUTE FUNCTION capacity_keys_refresh()`);

    // A region's places in id order (the default sort) with what the access policy and the keys test: the page
    // and the total of a regional capacity search are index-only. GIN for the searches without a region.
    await q.query(
      `CREATE INDEX location_capacity_search_idx ON location (region_code, id) INCLUDE (sensitive_only, capacity_keys)`,
    );
    await q.query(`CREATE INDEX location_capacity_keys_idx ON location USING gin (capacity_keys)`);
    await q.query(`ANALYZE location`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX location_capacity_keys_idx`);
    await q.query(`DROP INDEX location_capacity_search_idx`);
    for (const op of ['insert', 'delete', 'update']) await q.query(`DROP TRIGGER capacity_keys_${op}_trg ON capacity`);
    await q.query(`DROP FUNCTION capacity_keys_refresh()`);
    await q.query(`DROP FUNCTION refresh_location_capacity_keys(uuid[])`);
    await q.query(`DROP FUNCTION capacity_search_keys(jsonb, jsonb, integer)`);
    await q.query(`ALTER TABLE location DROP COLUMN capacity_keys`);
  }
}
