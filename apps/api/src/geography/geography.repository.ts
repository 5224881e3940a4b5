import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/transaction.js';

export type CommuneRow = {
  code: string;
  name: string;
  departementCode: string;
  regionCode: string;
  postalCodes: string[];
  type: string;
  parentCode: string | null;
  latitude: number | null;
  longitude: number | null;
};

/** Geography reference tables (INSEE COG), written only by the reference-data loader. */
@Injectable()
export class GeographyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async isEmpty(): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT NOT EXISTS (SELECT 1 FROM commune) AS empty`);
    return row.empty;
  }

  async findCommune(code: string): Promise<CommuneRow | null> {
    const rows: CommuneRow[] = await this.dataSource.query(
      `SELECT code, name, departement_code AS "departementCode", region_code AS "regionCode", postal_codes AS "postalCodes",
              type, parent_code AS "parentCode", latitude, longitude
       FROM commune WHERE code = $1`,
      [code],
    );
    return rows[0] ?? null;
  }

  async allCommunes(): Promise<
    Pick<CommuneRow, 'code' | 'departementCode' | 'regionCode' | 'latitude' | 'longitude'>[]
  > {
    return this.dataSource.query(
      `SELECT code, departement_code AS "departementCode", region_code AS "regionCode", latitude, longitude FROM commune`,
    );
  }

  async replaceAll(
    tx: Tx,
    regions: { code: string; name: string; administrative: boolean }[],
    departements: { code: string; name: string; regionCode: string }[],
    communes: CommuneRow[],
  ): Promise<void> {
    await tx.query(
      `INSERT INTO region (code, name, administrative) SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[])
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, administrative = EXCLUDED.administrative`,
      [regions.map((r) => r.code), regions.map((r) => r.name), regions.map((r) => r.administrative)],
    );
    await tx.query(
      `INSERT INTO departement (code, name, region_code) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, region_code = EXCLUDED.region_code`,
      [departements.map((d) => d.code), departements.map((d) => d.name), departements.map((d) => d.regionCode)],
    );
    await tx.query(
      `INSERT INTO commune (code, name, departement_code, region_code, postal_codes, type, parent_code, latitude, longitude)
       SELECT c, n, d, r, string_to_array(p, ' '), t, nullif(pc, ''), la, lo
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[], $9::float8[])
         AS x(c, n, d, r, p, t, pc, la, lo)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, departement_code = EXCLUDED.departement_code,
         region_code = EXCLUDED.region_code, postal_codes = EXCLUDED.postal_codes, type = EXCLUDED.type,
         parent_code = EXCLUDED.parent_code, latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude`,
      [
        communes.map((c) => c.code),
        communes.map((c) => c.name),
        communes.map((c) => c.departementCode),
        communes.map((c) => c.regionCode),
        communes.map((c) => c.postalCodes.join(' ')),
        communes.map((c) => c.type),
        communes.map((c) => c.parentCode ?? ''),
        communes.map((c) => c.latitude),
        communes.map((c) => c.longitude),
      ],
    );
  }
}
