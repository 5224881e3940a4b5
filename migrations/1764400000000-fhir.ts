import type { MigrationInterface, QueryRunner } from 'typeorm';

const RESOURCE_TABLES = ['organization', 'healthcare_service', 'location', 'practitioner', 'practitioner_role'];

/**
 * FHIR API (issue 5): indexes for `_lastUpdated` and keyset paging, places whose capacities or equipment change
 * count as changed (IG §8: a child change must bump its resource's lastUpdated, or deltas miss it), and the
 * Bulk Data `$export` jobs.
 */
export class Fhir1764400000000 implements MigrationInterface {
  name = 'Fhir1764400000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of RESOURCE_TABLES) {
      await q.query(`CREATE INDEX ${table}_updated_idx ON ${table} (updated_at, id)`);
    }
    await q.query(`CREATE INDEX location_position_idx ON location (latitude, longitude)`);
    await q.query(`CREATE INDEX practitioner_role_region_idx ON practitioner_role (region_code)`);
    // Only updated_at moves: the version stays the admin form's lock, which capacity feeds must not break.
    await q.query(`
      CREATE FUNCTION touch_location() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE location SET updated_at = now()
        WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.location_id ELSE NEW.location_id END;
        RETURN NULL;
      END $$`);
    for (const table of ['capacity', 'equipment']) {
      await q.query(`
        CREATE TRIGGER ${table}_touch_location_trg AFTER INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION touch_location()`);
    }
    await q.query(`
      CREATE TABLE fhir_export_job (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_id text NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('accepted', 'in-progress', 'completed', 'failed')),
        request_url text NOT NULL,
        types text[] NOT NULL,
        since timestamptz,
        regions text[] NOT NULL DEFAULT '{}',
        access_profile integer NOT NULL,
        output jsonb NOT NULL DEFAULT '[]',
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        transaction_time timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        expires_at timestamptz
      )`);
    await q.query(`CREATE INDEX fhir_export_job_expires_idx ON fhir_export_job (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE fhir_export_job`);
    for (const table of ['capacity', 'equipment'])
      await q.query(`DROP TRIGGER ${table}_touch_location_trg ON ${table}`);
    await q.query(`DROP FUNCTION touch_location()`);
    await q.query(`DROP INDEX practitioner_role_region_idx`);
    await q.query(`DROP INDEX location_position_idx`);
    for (const table of RESOURCE_TABLES) await q.query(`DROP INDEX ${table}_updated_idx`);
  }
}
