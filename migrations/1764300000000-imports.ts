import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * FINESS and RPPS imports (issue 4): the runs as jobs with their rejected lines, and on the records the
 * columns the imports own (source, last run, the FINESS fields that have no ROR attribute of their own).
 */
export class Imports1764300000000 implements MigrationInterface {
  name = 'Imports1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE import_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(8) NOT NULL CHECK (kind IN ('finess', 'rpps')),
        format text,
        file_name text NOT NULL,
        file_size bigint NOT NULL DEFAULT 0,
        status varchar(12) NOT NULL DEFAULT 'queued'
          CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'refused', 'interrupted')),
        dry_run boolean NOT NULL DEFAULT false,
        created integer NOT NULL DEFAULT 0,
        updated integer NOT NULL DEFAULT 0,
        closed integer NOT NULL DEFAULT 0,
        unchanged integer NOT NULL DEFAULT 0,
        rejected integer NOT NULL DEFAULT 0,
        lines_read integer NOT NULL DEFAULT 0,
        bytes_read bigint NOT NULL DEFAULT 0,
        message text,
        started_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        heartbeat_at timestamptz
      )`);
    await q.query(`CREATE INDEX import_run_created_idx ON import_run (created_at DESC)`);
    await q.query(`
      CREATE TABLE import_rejection (
        id bigserial PRIMARY KEY,
        run_id uuid NOT NULL REFERENCES import_run(id) ON DELETE CASCADE,
        line integer NOT NULL,
        reason text NOT NULL,
        content text
      )`);
    await q.query(`CREATE INDEX import_rejection_run_idx ON import_rejection (run_id, line)`);
    // Keys seen by a stock run, to close at the end what the file no longer lists. Scratch data: unlogged.
    await q.query(`
      CREATE UNLOGGED TABLE import_seen_key (
        run_id uuid NOT NULL,
        key text NOT NULL,
        PRIMARY KEY (run_id, key)
      )`);

    await q.query(`
      ALTER TABLE organization
        ADD COLUMN finess_source text,
        ADD COLUMN finess_data jsonb,
        ADD COLUMN geocoding text,
        ADD COLUMN import_run_id uuid,
        ADD COLUMN rpps_structure_id text`);
    // Ville practices (no FINESS) are keyed by the RPPS technical structure id, one EJ and one EG each.
    await q.query(
      `CREATE UNIQUE INDEX organization_rpps_structure_uq ON organization (kind, rpps_structure_id) WHERE rpps_structure_id IS NOT NULL`,
    );
    await q.query(`ALTER TABLE practitioner ADD COLUMN rpps_updated_at timestamptz, ADD COLUMN import_run_id uuid`);
    await q.query(`ALTER TABLE practitioner_role ADD COLUMN rpps_key text, ADD COLUMN import_run_id uuid`);
    await q.query(
      `CREATE UNIQUE INDEX practitioner_role_rpps_uq ON practitioner_role (practitioner_id, rpps_key) WHERE rpps_key IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX practitioner_role_rpps_uq`);
    await q.query(`ALTER TABLE practitioner_role DROP COLUMN rpps_key, DROP COLUMN import_run_id`);
    await q.query(`ALTER TABLE practitioner DROP COLUMN rpps_updated_at, DROP COLUMN import_run_id`);
    await q.query(`DROP INDEX organization_rpps_structure_uq`);
    await q.query(
      `ALTER TABLE organization DROP COLUMN finess_source, DROP COLUMN finess_data, DROP COLUMN geocoding, DROP COLUMN import_run_id, DROP COLUMN rpps_structure_id`,
    );
    await q.query(`DROP TABLE import_seen_key`);
    await q.query(`DROP TABLE import_rejection`);
    await q.query(`DROP TABLE import_run`);
  }
}
