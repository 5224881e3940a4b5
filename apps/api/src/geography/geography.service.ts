import { Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ValidationError } from '../common/errors.js';
import { TransactionRunner } from '../database/transaction.js';
import { type CommuneRow, GeographyRepository } from './geography.repository.js';

export type Place = { communeCode: string; departementCode: string; regionCode: string };

@Injectable()
export class GeographyService {
  constructor(
    private readonly repository: GeographyRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  /** Where a commune is (DESIGN §3: a record's region comes from its commune); 400 on an unknown code. */
  async locate(communeCode: string, field = 'communeCode'): Promise<Place & { commune: CommuneRow }> {
    const commune = await this.repository.findCommune(communeCode);
    if (!commune) throw new ValidationError({ [field]: `Commune INSEE inconnue : ${communeCode}` });
    return { communeCode, departementCode: commune.departementCode, regionCode: commune.regionCode, commune };
  }

  /** Every commune in memory (a few MB whatever the input): bulk imports place thousands of records a second. */
  async communeIndex(): Promise<Map<string, Omit<CommuneRow, 'name' | 'postalCodes' | 'type' | 'parentCode'>>> {
    return new Map((await this.repository.allCommunes()).map((c) => [c.code, c]));
  }

  /** Loads the COG files of `dir` (regions.csv, departements.csv, communes.csv) when the tables are empty. */
  async loadIfEmpty(dir: string): Promise<number> {
    if (!(await this.repository.isEmpty())) return 0;
    const read = async (file: string) =>
      parse(await readFile(path.join(dir, file), 'utf8'), { columns: true, skip_empty_lines: true }) as Record<
        string,
        string
      >[];
    const regions = (await read('regions.csv')).map((r) => ({
      code: r.code!,
      name: r.nom!,
      administrative: r.region_administrative === 'true',
    }));
    const departements = (await read('departements.csv')).map((d) => ({
      code: d.code!,
      name: d.nom!,
      regionCode: d.region_code!,
    }));
    const communes = (await read('communes.csv')).map((c): CommuneRow => ({
      code: c.code!,
      name: c.nom!,
      departementCode: c.departement_code!,
      regionCode: c.region_code!,
      postalCodes: c.codes_postaux ? c.codes_postaux.split(' ') : [],
      type: c.type!,
      parentCode: c.commune_parente || null,
      latitude: c.lat ? Number(c.lat) : null,
      longitude: c.lng ? Number(c.lng) : null,
    }));
    await this.transactions.run((tx) => this.repository.replaceAll(tx, regions, departements, communes));
    return communes.length;
  }
}
