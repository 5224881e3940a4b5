import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Import write path (issue 4, benchmark targets):
 * - `import_position`: positions of a legacy FINESS stock file, read in a first pass, so that each
 *   establishment is written once with its position instead of created, then updated and audited again by
 *   its `geolocalisation` line. Scratch data of a run, like `import_seen_key`: unlogged, deleted at its end.
 * - Index entries no query reads, paid by every imported row: `organization_ege_idx` (no query looks an
 *   organization up by `egeId`); NULL entries of `organization_pm_smsse_idx` and `practitioner_role_hs_idx`
 *   (lookups are by equality, never by NULL); `practitioner_role_practitioner_idx`, whose column leads
 *   `practitioner_role_rpps_uq` once that one is no longer partial (NULL keys never conflict).
 */
export class ImportPositions1764700000000 implements MigrationInterface {
  name = 'ImportPositions1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNLOGGED TABLE import_position (
        run_id uuid NOT NULL,
        finess char(9) NOT NULL,
        position jsonb NOT NULL,
        PRIMARY KEY (run_id, finess)
      )`);
    await q.query(`DROP INDEX organization_ege_idx`);
    await q.query(`DROP INDEX organization_pm_smsse_idx`);
    await q.query(
      `CREATE INDEX organization_pm_smsse_idx ON organization ((finess_data->>'pmSmsseId')) WHERE (finess_data->>'pmSmsseId') IS NOT NULL`,
    );
    await q.query(`DROP INDEX practitioner_role_hs_idx`);
    await q.query(
      `CREATE INDEX practitioner_role_hs_idx ON practitioner_role (healthcare_service_id) WHERE healthcare_service_id IS NOT NULL`,
    );
    await q.query(`DROP INDEX practitioner_role_rpps_uq`);
    await q.query(`CREATE UNIQUE INDEX practitioner_role_rpps_uq ON practitioner_role (practitioner_id, rpps_key)`);
    await q.query(`DROP INDEX practitioner_role_practitioner_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX practitioner_role_practitioner_idx ON practitioner_role (practitioner_id)`);
    await q.query(`DROP INDEX practitioner_role_rpps_uq`);
    await q.query(
      `CREATE UNIQUE INDEX practitioner_role_rpps_uq ON practitioner_role (practitioner_id, rpps_key) WHERE rpps_key IS NOT NULL`,
    );
    await q.query(`DROP INDEX practitioner_role_hs_idx`);
    await q.query(`CREATE INDEX practitioner_role_hs_idx ON practitioner_role (healthcare_service_id)`);
    await q.query(`DROP INDEX organization_pm_smsse_idx`);
    await q.query(`CREATE INDEX organization_pm_smsse_idx ON organization ((finess_data->>'pmSmsseId'))`);
    await q.query(`CREATE INDEX organization_ege_idx ON organization ((finess_data->>'egeId'))`);
    await q.query(`DROP TABLE import_position`);
  }
}
