import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CrudRepository, filters } from '../common/crud/crud.repository.js';
import type { Tx } from '../database/transaction.js';
import { HealthcareService } from './healthcare-service.entity.js';

const COMPLETE_SQL = (a: string) => `
  jsonb_array_length(${a}.operational_activities) > 0 AND ${a}.age_min IS NOT NULL AND ${a}.age_max IS NOT NULL
  AND EXISTS (SELECT 1 FROM healthcare_service_location hl JOIN location l ON l.id = hl.location_id
              WHERE hl.healthcare_service_id = ${a}.id AND l.address->>'line' <> '' AND l.address->>'postalCode' <> ''
                AND l.address->>'city' <> '')
  AND EXISTS (SELECT 1 FROM contact c JOIN telecom t ON t.contact_id = c.id
              WHERE c.healthcare_service_id = ${a}.id AND c.function IS NOT NULL)`;

@Injectable()
export class HealthcareServicesRepository extends CrudRepository<HealthcareService> {
  constructor(dataSource: DataSource) {
    super(dataSource, HealthcareService, {
      alias: 'hs',
      filters: {
        q: filters.text('name', 'identifier'),
        organizationId: filters.uuid('organization_id'),
        mine: filters.mine('organization_id'),
        regionCode: filters.equals('region_code'),
        departementCode: filters.equals('departement_code'),
        activityCode: filters.codeInArray('operational_activities'),
        careModeCode: filters.code('care_mode'),
        activityFieldCode: filters.code('activity_field'),
        // The SQL side of completeness.ts, for lists; the deprecation of activity codes is only checked there.
        complete: (qb, value, a) =>
          qb.andWhere(`${value === true || value === 'true' ? '' : 'NOT '}(${COMPLETE_SQL(a)})`),
        locationId: (qb, value, a, p) =>
          qb.andWhere(
            `${a}.id IN (SELECT healthcare_service_id FROM healthcare_service_location WHERE location_id::text = :${p})`,
            { [p]: String(value) },
          ),
      },
      sortable: {
        name: 'name',
        identifier: 'identifier',
        regionCode: 'region_code',
        departementCode: 'departement_code',
        updatedAt: 'updated_at',
        createdAt: 'created_at',
      },
      defaultSort: { column: 'name', order: 'ASC' },
    });
  }

  /** The next `{region}/{n}` business identifier (IG §1 fact 13), allocated in the creating transaction. */
  async nextIdentifier(tx: Tx, regionCode: string): Promise<string> {
    const [{ last }] = await tx.query(
      `INSERT INTO healthcare_service_number (region_code, last) VALUES ($1, 1)
       ON CONFLICT (region_code) DO UPDATE SET last = healthcare_service_number.last + 1 RETURNING last`,
      [regionCode],
    );
    return `${regionCode}/${last}`;
  }

  async replaceLocations(tx: Tx, id: string, locationIds: string[]): Promise<void> {
    await tx.query(`DELETE FROM healthcare_service_location WHERE healthcare_service_id = $1`, [id]);
    await tx.query(
      `INSERT INTO healthcare_service_location (healthcare_service_id, location_id) SELECT $1, unnest($2::uuid[])`,
      [id, [...new Set(locationIds)]],
    );
  }

  async locationIds(ids: string[], tx?: Tx): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return result;
    const rows: { hs: string; loc: string }[] = await (tx ?? this.dataSource.manager).query(
      `SELECT healthcare_service_id AS hs, location_id AS loc FROM healthcare_service_location
       WHERE healthcare_service_id = ANY($1::uuid[]) ORDER BY location_id`,
      [ids],
    );
    for (const r of rows) result.get(r.hs)!.push(r.loc);
    return result;
  }

  findByOrganizations(organizationIds: string[]): Promise<HealthcareService[]> {
    if (organizationIds.length === 0) return Promise.resolve([]);
    return this.dataSource.manager
      .createQueryBuilder(HealthcareService, 'hs')
      .where('hs.organization_id IN (:...ids)', { ids: organizationIds })
      .orderBy('hs.name')
      .getMany();
  }
}
