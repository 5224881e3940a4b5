import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A GHT or GCS/GIE a structure belongs to (or is, for a GCS/GIE), as the admin app shows it. */
export type StructureGrouping = {
  id: string;
  kind: 'GCC' | 'GCO';
  sourceId: string;
  name: string | null;
  typeCode: string | null;
  externalId: string | null;
  /** The structure's role: S support, M member (TRE_R360), or GCO when it is the grouping itself. */
  role: string | null;
  memberCount: number;
  closedOn: string | null;
  finessSource: string;
  finessUpdatedAt: Date | null;
  updatedAt: Date;
};

@Injectable()
export class FinessGroupingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Groupings naming the structure by its FINESS+ technical id (kept in finess_data by the import): as a
   * member EJ (PM) or EG (EGE), or as the GCS/GIE's own legal entity, whose name a GCO entry does not repeat.
   */
  forOrganization(organizationId: string): Promise<StructureGrouping[]> {
    return this.dataSource.query(
      `SELECT g.id, g.kind, g.source_id AS "sourceId", coalesce(g.name, own.name) AS name, g.type_code AS "typeCode",
         g.external_id AS "externalId",
         CASE WHEN g.kind = 'GCO' AND g.source_id = o.pm THEN 'GCO'
           ELSE (SELECT m->>'role' FROM jsonb_array_elements(g.members) m
                 WHERE (m->>'type' = 'PM' AND m->>'id' = o.pm) OR (m->>'type' = 'EGE' AND m->>'id' = o.ege) LIMIT 1)
         END AS role,
         jsonb_array_length(g.members) AS "memberCount", to_char(g.closed_on, 'YYYY-MM-DD') AS "closedOn",
         g.finess_source AS "finessSource", g.finess_updated_at AS "finessUpdatedAt", g.updated_at AS "updatedAt"
       FROM (SELECT finess_data->>'pmSmsseId' AS pm, finess_data->>'egeId' AS ege FROM organization WHERE id = $1) o
       JOIN finess_grouping g ON (g.kind = 'GCO' AND g.source_id = o.pm)
         OR g.members @> jsonb_build_array(jsonb_build_object('type', 'PM', 'id', o.pm))
         OR g.members @> jsonb_build_array(jsonb_build_object('type', 'EGE', 'id', o.ege))
       -- IS NOT NULL: the predicate of the partial index on pmSmsseId.
       LEFT JOIN organization own ON g.kind = 'GCO' AND own.finess_data->>'pmSmsseId' = g.source_id
         AND own.finess_data->>'pmSmsseId' IS NOT NULL
       ORDER BY g.kind, name, g.id`,
      [organizationId],
    );
  }
}
