import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * FHIR searches at national scale (docs/BENCHMARKS.md): what the IG's documented queries filter on, kept on the
 * searched row itself so they become index lookups instead of joins over every offer–place link.
 *
 * - `healthcare_service.location_postal_prefixes`: the postal codes of the offer's places (as `search_text`
 *   gives them), cut at 2, 3 and 5 characters — département (métropole, outre-mer) and full code — for the
 *   chained `location.address-postalcode` of the IG's département queries.
 * - `location.sensitive_only`: the place serves offers and all of them are sensitive units, i.e. what hides it
 *   from the profiles that do not see sensitive units (access-policy.ts).
 *
 * Both are kept current by triggers on the offer–place links, on the places' postal codes and on the offers'
 * sensitive flag; bench/generate.mjs, which loads with triggers off, applies the same functions in bulk.
 */
export class FhirSearch1764500000000 implements MigrationInterface {
  name = 'FhirSearch1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE healthcare_service ADD COLUMN location_postal_prefixes text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE location ADD COLUMN sensitive_only boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE FUNCTION postal_prefixes(postal text) RETURNS text[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN s = '' THEN '{}'::text[] ELSE ARRAY[left(s, 2), left(s, 3), left(s, 5)] END
        FROM search_text(postal) s $$`);
    await q.query(`
      CREATE FUNCTION location_sensitive_only(place uuid) RETURNS boolean
      LANGUAGE sql STABLE AS $$
        SELECT EXISTS (SELECT 1 FROM healthcare_service_location hl JOIN healthcare_service h ON h.id = hl.healthcare_service_id
                       WHERE hl.location_id = place AND h.sensitive_unit)
           AND NOT EXISTS (SELECT 1 FROM healthcare_service_location hl JOIN healthcare_service h ON h.id = hl.healthcare_service_id
                           WHERE hl.location_id = place AND NOT h.sensitive_unit) $$`);
    // Only the derived column moves: updated_at and version stay the app's (a search column is no edit).
    // Set-based, so the backfill (every offer) joins once instead of looking each offer's places up.
    await q.query(`
      CREATE FUNCTION refresh_offer_postal_prefixes(offers uuid[]) RETURNS void
      LANGUAGE sql AS $$
        UPDATE healthcare_service hs SET location_postal_prefixes = p.prefixes
        FROM (SELECT o.id, coalesce(array_agg(DISTINCT x ORDER BY x) FILTER (WHERE x IS NOT NULL), '{}') AS prefixes
              FROM unnest(offers) o(id)
              LEFT JOIN healthcare_service_location hl ON hl.healthcare_service_id = o.id
              LEFT JOIN location l ON l.id = hl.location_id
              LEFT JOIN LATERAL unnest(postal_prefixes(l.address->>'postalCode')) x ON true
              GROUP BY o.id) p
        WHERE hs.id = p.id AND hs.location_postal_prefixes IS DISTINCT FROM p.prefixes $$`);
    await q.query(`
      CREATE FUNCTION refresh_location_sensitive_only(places uuid[]) RETURNS void
      LANGUAGE sql AS $$
        UPDATE location SET sensitive_only = location_sensitive_only(id)
        WHERE id = ANY(places) AND sensitive_only IS DISTINCT FROM location_sensitive_only(id) $$`);

    // Backfill before the indexes exist (one index write per row instead of two); bench/generate.mjs does the same.
    await q.query(
      `SELECT refresh_offer_postal_prefixes(ARRAY(SELECT healthcare_service_id FROM healthcare_service_location))`,
    );
    await q.query(`
      SELECT refresh_location_sensitive_only(ARRAY(SELECT hl.location_id FROM healthcare_service_location hl
        JOIN healthcare_service h ON h.id = hl.healthcare_service_id WHERE h.sensitive_unit))`);

    // Links: statement-level, so the app's "delete the offer's links, insert the new ones" refreshes once.
    await q.query(`
      CREATE FUNCTION healthcare_service_location_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          PERFORM refresh_offer_postal_prefixes(ARRAY(SELECT DISTINCT healthcare_service_id FROM new_links));
          PERFORM refresh_location_sensitive_only(ARRAY(SELECT DISTINCT location_id FROM new_links));
        END IF;
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
          PERFORM refresh_offer_postal_prefixes(ARRAY(SELECT DISTINCT healthcare_service_id FROM old_links));
          PERFORM refresh_location_sensitive_only(ARRAY(SELECT DISTINCT location_id FROM old_links));
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER healthcare_service_location_insert_trg AFTER INSERT ON healthcare_service_location
      REFERENCING NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION healthcare_service_location_refresh()`);
    await q.query(`
      CREATE TRIGGER healthcare_service_location_delete_trg AFTER DELETE ON healthcare_service_location
      REFERENCING OLD TABLE AS old_links FOR EACH STATEMENT EXECUTE FUNCTION healthcare_service_location_refresh()`);
    await q.query(`
      CREATE TRIGGER healthcare_service_location_update_trg AFTER UPDATE ON healthcare_service_location
      REFERENCING OLD TABLE AS old_links NEW TABLE AS new_links
      FOR EACH STATEMENT EXECUTE FUNCTION healthcare_service_location_refresh()`);
    await q.query(`
      CREATE FUNCTION location_postal_code_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM refresh_offer_postal_prefixes(
          ARRAY(SELECT healthcare_service_id FROM healthcare_service_location WHERE location_id = NEW.id));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER location_postal_code_trg AFTER UPDATE OF address ON location FOR EACH ROW
      WHEN (OLD.address->>'postalCode' IS DISTINCT FROM NEW.address->>'postalCode')
      EXECUTE FUNCTION location_postal_code_refresh()`);
    await q.query(`
      CREATE FUNCTION healthcare_service_sensitive_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM refresh_location_sensitive_only(
          ARRAY(SELECT location_id FROM healthcare_service_location WHERE healthcare_service_id = NEW.id));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER healthcare_service_sensitive_trg AFTER UPDATE OF sensitive_unit ON healthcare_service FOR EACH ROW
      WHEN (OLD.sensitive_unit IS DISTINCT FROM NEW.sensitive_unit)
      EXECUTE FUNCTION healthcare_service_sensitive_refresh()`);

    await q.query(
      `CREATE INDEX healthcare_service_postal_prefixes_idx ON healthcare_service USING gin (location_postal_prefixes)`,
    );
    // `specialty` ORs the activities with the activity family: without this index the OR reads the whole table.
    await q.query(
      `CREATE INDEX healthcare_service_activity_family_idx ON healthcare_service USING gin (operational_activity_family jsonb_path_ops)`,
    );
    await q.query(
      `CREATE INDEX location_postal_code_idx ON location (search_text(address->>'postalCode') text_pattern_ops)`,
    );
    // Index-only paths: a page of offers in id order (the default sort) filtered on the prefixes, and the
    // `_lastUpdated` deltas, both with the columns the access policy filters on.
    await q.query(
      `CREATE INDEX healthcare_service_search_idx ON healthcare_service (id) INCLUDE (sensitive_unit, region_code, location_postal_prefixes)`,
    );
    await q.query(`DROP INDEX healthcare_service_updated_idx`);
    await q.query(
      `CREATE INDEX healthcare_service_updated_idx ON healthcare_service (updated_at, id) INCLUDE (sensitive_unit, region_code)`,
    );
    await q.query(`DROP INDEX location_updated_idx`);
    await q.query(
      `CREATE INDEX location_updated_idx ON location (updated_at, id) INCLUDE (sensitive_only, region_code)`,
    );
    // The backfill queued every offer in the activities index's pending list, which each search would scan.
    await q.query(`SELECT gin_clean_pending_list('healthcare_service_activities_idx')`);
    await q.query(`ANALYZE healthcare_service, location`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX location_updated_idx`);
    await q.query(`CREATE INDEX location_updated_idx ON location (updated_at, id)`);
    await q.query(`DROP INDEX healthcare_service_updated_idx`);
    await q.query(`CREATE INDEX healthcare_service_updated_idx ON healthcare_service (updated_at, id)`);
    await q.query(`DROP INDEX healthcare_service_search_idx`);
    await q.query(`DROP INDEX location_postal_code_idx`);
    await q.query(`DROP INDEX healthcare_service_activity_family_idx`);
    await q.query(`DROP INDEX healthcare_service_postal_prefixes_idx`);
    await q.query(`DROP TRIGGER healthcare_service_sensitive_trg ON healthcare_service`);
    await q.query(`DROP FUNCTION healthcare_service_sensitive_refresh()`);
    await q.query(`DROP TRIGGER location_postal_code_trg ON location`);
    await q.query(`DROP FUNCTION location_postal_code_refresh()`);
    for (const op of ['insert', 'delete', 'update'])
      await q.query(`DROP TRIGGER healthcare_service_location_${op}_trg ON healthcare_service_location`);
    await q.query(`DROP FUNCTION healthcare_service_location_refresh()`);
    await q.query(`ALTER TABLE location DROP COLUMN sensitive_only`);
    await q.query(`ALTER TABLE healthcare_service DROP COLUMN location_postal_prefixes`);
    await q.query(`DROP FUNCTION refresh_location_sensitive_only(uuid[])`);
    await q.query(`DROP FUNCTION refresh_offer_postal_prefixes(uuid[])`);
    await q.query(`DROP FUNCTION location_sensitive_only(uuid)`);
    await q.query(`DROP FUNCTION postal_prefixes(text)`);
  }
}
