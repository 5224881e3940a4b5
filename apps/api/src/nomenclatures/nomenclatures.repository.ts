import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { filters, ReadRepository } from '../common/crud/crud.repository.js';
import type { Tx } from '../database/transaction.js';
import { NomenclatureVersion } from './nomenclature-version.entity.js';

export type ConceptRow = { system: string; code: string; display: string; status: string; endDate: string | null };
export type CurrentConceptRow = ConceptRow & { url: string; kind: 'ValueSet' | 'CodeSystem'; name: string };

@Injectable()
export class NomenclaturesRepository extends ReadRepository<NomenclatureVersion> {
  constructor(dataSource: DataSource) {
    super(dataSource, NomenclatureVersion, {
      alias: 'nv',
      isId: (id) => /^[0-9]{1,9}$/.test(id),
      filters: {
        q: filters.text('name', 'title'),
        kind: filters.equals('kind'),
        url: filters.equals('url'),
        isCurrent: (qb, value, a, p) =>
          qb.andWhere(`${a}.is_current = :${p}`, { [p]: value === true || value === 'true' }),
      },
      sortable: { name: 'name', version: 'version', publishedAt: 'published_at', loadedAt: 'loaded_at' },
      defaultSort: { column: 'name', order: 'ASC' },
    });
  }

  findByHash(url: string, contentHash: string): Promise<NomenclatureVersion | null> {
    return this.dataSource.manager.findOne(NomenclatureVersion, { where: { url, contentHash } });
  }

  findCurrent(tx: Tx, url: string): Promise<NomenclatureVersion | null> {
    return tx.findOne(NomenclatureVersion, { where: { url, isCurrent: true } });
  }

  async insertVersion(tx: Tx, version: Omit<NomenclatureVersion, 'id' | 'loadedAt'>): Promise<number> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(NomenclatureVersion)
      .values(version)
      .returning('id')
      .execute();
    return (result.raw as { id: number }[])[0]!.id;
  }

  async insertConcepts(tx: Tx, versionId: number, concepts: ConceptRow[]): Promise<void> {
    // One statement per table version: unnest keeps it a single round trip whatever the size.
    await tx.query(
      `INSERT INTO nomenclature_concept (version_id, system, code, display, status, end_date, search)
       SELECT $1, s, c, d, st, e::timestamptz, search_text(c || ' ' || d)
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS t(s, c, d, st, e)`,
      [
        versionId,
        concepts.map((c) => c.system),
        concepts.map((c) => c.code),
        concepts.map((c) => c.display),
        concepts.map((c) => c.status),
        concepts.map((c) => c.endDate),
      ],
    );
  }

  async concepts(tx: Tx, versionId: number): Promise<ConceptRow[]> {
    return tx.query(
      `SELECT system, code, display, status, end_date AS "endDate" FROM nomenclature_concept WHERE version_id = $1`,
      [versionId],
    );
  }

  async makeCurrent(tx: Tx, url: string, versionId: number): Promise<void> {
    await tx.query(`UPDATE nomenclature_version SET is_current = false WHERE url = $1 AND is_current`, [url]);
    await tx.query(`UPDATE nomenclature_version SET is_current = true WHERE id = $1`, [versionId]);
  }

  currentConcepts(): Promise<CurrentConceptRow[]> {
    return this.dataSource.query(
      `SELECT v.url, v.kind, v.name, c.system, c.code, c.display, c.status, c.end_date AS "endDate"
       FROM nomenclature_version v JOIN nomenclature_concept c ON c.version_id = v.id
       WHERE v.is_current ORDER BY v.url, c.code`,
    );
  }
}
