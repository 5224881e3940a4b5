import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * FINESS authorisations and groupings, closure of RPPS situations (issue 4, second part).
 *
 * - `finess_activity`: what FINESS says an EJ is authorised to do and what its EGs exercise (FINESS+ Activités
 *   flow, legacy `equipementsocial` / `equipmateriellourd` / `activiteoffresoin` lines). ror-business.md §2
 *   lists "Authorisations & FINESS capacities" as a FINESS-owned object of their own, distinct from the
 *   places' equipment and operational capacities the structures declare (§2 Location row, §4): they are kept
 *   apart, read-only, never mixed into `equipment` or `capacity`.
 * - `finess_grouping`: GHT (FINESS+ `gcc`) and GCS/GIE (`gco`) with their members. The ROR exposure model has
 *   no place for them (ror-ig.md §2.3 lists no grouping attribute on EJ/EG): kept as FINESS data only.
 * - `practitioner_role.closed_on`: a situation a later full RPPS file no longer lists is closed, never deleted.
 */
export class FinessActivities1764600000000 implements MigrationInterface {
  name = 'FinessActivities1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE finess_activity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source_key text NOT NULL UNIQUE,
        origin varchar(20) NOT NULL
          CHECK (origin IN ('finess-plus', 'equipementsocial', 'equipmateriellourd', 'activiteoffresoin')),
        scope varchar(2) NOT NULL CHECK (scope IN ('EJ', 'EG')),
        finess char(9) NOT NULL,
        ej_finess char(9),
        authorization_key text,
        nature varchar(8) NOT NULL,
        activity_code text NOT NULL,
        codes jsonb NOT NULL,
        labels jsonb,
        status smallint NOT NULL CHECK (status IN (1, 2, 3)),
        arhgos_number text,
        starts_on date,
        ends_on date,
        closed_on date,
        authorised_capacity integer,
        installed_capacity integer,
        finess_updated_at timestamptz,
        finess_source text NOT NULL,
        import_run_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX finess_activity_finess_idx ON finess_activity (finess)`);
    await q.query(`
      CREATE TABLE finess_grouping (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(3) NOT NULL CHECK (kind IN ('GCC', 'GCO')),
        source_id text NOT NULL,
        name text,
        type_code text,
        external_id text,
        members jsonb NOT NULL DEFAULT '[]',
        closed_on date,
        finess_updated_at timestamptz,
        finess_source text NOT NULL,
        import_run_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        UNIQUE (kind, source_id)
      )`);
    // Members and GCOs name EJs and EGs by their FINESS+ technical ids, kept in finess_data by the import.
    await q.query(`CREATE INDEX finess_grouping_members_idx ON finess_grouping USING gin (members jsonb_path_ops)`);
    await q.query(`CREATE INDEX organization_pm_smsse_idx ON organization ((finess_data->>'pmSmsseId'))`);
    await q.query(`CREATE INDEX organization_ege_idx ON organization ((finess_data->>'egeId'))`);
    await q.query(`ALTER TABLE practitioner_role ADD COLUMN closed_on date`);
    // Few rows: the closed situations a later file may list again.
    await q.query(
      `CREATE INDEX practitioner_role_closed_idx ON practitioner_role (practitioner_id) WHERE closed_on IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX practitioner_role_closed_idx`);
    await q.query(`ALTER TABLE practitioner_role DROP COLUMN closed_on`);
    await q.query(`DROP INDEX organization_ege_idx`);
    await q.query(`DROP INDEX organization_pm_smsse_idx`);
    await q.query(`DROP TABLE finess_grouping`);
    await q.query(`DROP TABLE finess_activity`);
  }
}
