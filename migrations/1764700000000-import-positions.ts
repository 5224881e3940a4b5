import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Positions of a legacy FINESS stock file, read in a first pass (issue 4, benchmark): each establishment is
 * then written once with its position, instead of created, then updated and audited again by its
 * `geolocalisation` line. Scratch data of a run, like `import_seen_key`: unlogged, deleted when the run ends.
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
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE import_position`);
  }
}
