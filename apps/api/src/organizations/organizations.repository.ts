import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CrudRepository, filters } from '../common/crud/crud.repository.js';
import { Organization } from './organization.entity.js';

@Injectable()
export class OrganizationsRepository extends CrudRepository<Organization> {
  constructor(dataSource: DataSource) {
    super(dataSource, Organization, {
      alias: 'org',
      filters: {
        q: filters.text('name', 'operational_name', 'finess'),
        kind: filters.equals('kind'),
        finess: filters.equals('finess'),
        regionCode: filters.equals('region_code'),
        departementCode: filters.equals('departement_code'),
        categoryCode: filters.code('category'),
        parentId: filters.uuid('parent_id'),
        mine: filters.mine('id'),
      },
      sortable: {
        name: 'name',
        kind: 'kind',
        finess: 'finess',
        regionCode: 'region_code',
        departementCode: 'departement_code',
        updatedAt: 'updated_at',
        createdAt: 'created_at',
      },
      defaultSort: { column: 'name', order: 'ASC' },
    });
  }

  findByFiness(finess: string[]): Promise<Organization[]> {
    if (finess.length === 0) return Promise.resolve([]);
    return this.dataSource.manager
      .createQueryBuilder(Organization, 'org')
      .where('org.finess IN (:...finess)', { finess })
      .getMany();
  }

  /** The whole structure the organization belongs to: its EJ and every organization below it. */
  async findStructure(id: string): Promise<Organization[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH RECURSIVE up AS (
         SELECT id, parent_id FROM organization WHERE id = $1
         UNION ALL SELECT o.id, o.parent_id FROM organization o JOIN up ON o.id = up.parent_id
       ), down AS (
         SELECT id FROM up WHERE parent_id IS NULL
         UNION ALL SELECT o.id FROM organization o JOIN down ON o.parent_id = down.id
       ) SELECT id FROM down`,
      [id],
    );
    return this.findByIds(rows.map((r) => r.id));
  }
}
