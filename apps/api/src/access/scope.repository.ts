import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ResolvedScope, ScopeAnchor } from './scope.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidOrNull = (v: string | null | undefined) => (v && UUID.test(v) ? v : null);

/** Exercise mode "libéral" (TRE_R23): the practices a practitioner may edit as their own (DESIGN §2). */
const LIBERAL_MODE = 'L';

@Injectable()
export class ScopeRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One query: the ancestors-or-self of the anchor's organization (or of its place's), and their regions. */
  async resolve(anchor: ScopeAnchor): Promise<ResolvedScope> {
    const [row] = (await this.dataSource.query(
      `WITH RECURSIVE start AS (
         SELECT COALESCE($1::uuid, (SELECT organization_id FROM location WHERE id = $2::uuid)) AS id
       ), chain AS (
         SELECT o.id, o.parent_id, o.region_code, 0 AS depth FROM organization o JOIN start ON o.id = start.id
         UNION ALL
         SELECT o.id, o.parent_id, o.region_code, c.depth + 1
           FROM organization o JOIN chain c ON o.id = c.parent_id WHERE c.depth < 16
       )
       SELECT COALESCE((SELECT array_agg(id::text ORDER BY depth) FROM chain), '{}') AS organization_ids,
              (SELECT region_code FROM location WHERE id = $2::uuid) AS location_region,
              (SELECT region_code FROM chain WHERE region_code IS NOT NULL ORDER BY depth LIMIT 1) AS structure_region`,
      [uuidOrNull(anchor.organizationId), uuidOrNull(anchor.locationId)],
    )) as { organization_ids: string[]; location_region: string | null; structure_region: string | null }[];
    const regions = [anchor.regionCode, row?.location_region, row?.structure_region].filter((r): r is string => !!r);
    return {
      organizationIds: row?.organization_ids ?? [],
      regionCodes: [...new Set(regions)],
      practitionerId: uuidOrNull(anchor.practitionerId),
    };
  }

  /** Practices (organizations) where this practitioner works as a liberal: their own self scope. */
  async liberalPracticesOf(practitionerId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT organization_id::text AS id FROM practitioner_role
        WHERE practitioner_id = $1 AND organization_id IS NOT NULL AND exercise_mode->>'code' = $2`,
      [practitionerId, LIBERAL_MODE],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }
}
