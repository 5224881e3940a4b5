import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People (keyed on their PSC SubjectNameID), their app-side role assignments and access requests, server-side
 * sessions, and the API clients of machines (DESIGN §2, reference/psc-oidc.md §3.4, §4, §5).
 */
export class Auth1764200000000 implements MigrationInterface {
  name = 'Auth1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- IdNat_PS: '8'+RPPS, or structure-scoped ids containing '/' (psc-oidc.md §1.6)
        subject_name_id varchar(64) NOT NULL UNIQUE,
        psc_sub text,
        given_name text,
        family_name text,
        psc_claims jsonb,
        last_login_at timestamptz,
        last_acr text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE role_assignment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        role varchar(32) NOT NULL
          CHECK (role IN ('structure-editor', 'structure-referent', 'ars-reviewer', 'national-admin')),
        organization_id uuid REFERENCES organization(id) ON DELETE CASCADE,
        region_codes varchar(3)[],
        granted_by text NOT NULL,
        granted_at timestamptz NOT NULL DEFAULT now(),
        valid_from timestamptz NOT NULL DEFAULT now(),
        valid_until timestamptz,
        revoked_at timestamptz,
        revoked_by text,
        CHECK ((role IN ('structure-editor', 'structure-referent')) = (organization_id IS NOT NULL)),
        CHECK ((role = 'ars-reviewer') = (region_codes IS NOT NULL AND cardinality(region_codes) > 0))
      )`);
    await q.query(`CREATE INDEX role_assignment_user_idx ON role_assignment (user_id) WHERE revoked_at IS NULL`);
    await q.query(`CREATE INDEX role_assignment_org_idx ON role_assignment (organization_id)`);
    await q.query(`
      CREATE TABLE access_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        role varchar(32) NOT NULL DEFAULT 'structure-editor' CHECK (role = 'structure-editor'),
        message text,
        status varchar(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'granted', 'refused')),
        decided_by text,
        decided_at timestamptz,
        decision_comment text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX access_request_pending_idx ON access_request (user_id, organization_id) WHERE status = 'pending'`,
    );
    // connect-pg-simple's table layout
    await q.query(`
      CREATE TABLE user_session (
        sid varchar PRIMARY KEY,
        sess json NOT NULL,
        expire timestamp(6) NOT NULL
      )`);
    await q.query(`CREATE INDEX user_session_expire_idx ON user_session (expire)`);
    await q.query(`
      CREATE TABLE api_client (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        access_profile smallint NOT NULL CHECK (access_profile BETWEEN 0 AND 5),
        region_codes varchar(3)[] NOT NULL DEFAULT '{}',
        capacity_write_organization_ids uuid[] NOT NULL DEFAULT '{}',
        key_prefix varchar(16) NOT NULL,
        key_hash char(64) NOT NULL UNIQUE,
        status varchar(8) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        rotated_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz,
        version integer NOT NULL DEFAULT 1
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_client`);
    await q.query(`DROP TABLE user_session`);
    await q.query(`DROP TABLE access_request`);
    await q.query(`DROP TABLE role_assignment`);
    await q.query(`DROP TABLE app_user`);
  }
}
