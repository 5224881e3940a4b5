import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NomenclaturesService } from '../apps/api/src/nomenclatures/nomenclatures.service.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const FILE = 'data/nomenclatures/ValueSet-JDV-J19-ModePriseEnCharge-ROR.json';

describe('NOS tables', () => {
  it('were all loaded, one current version per table', async () => {
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM nomenclature_version WHERE is_current`);
    expect(rows[0].n).toBe(89);
  });

  it('reloading the same files changes nothing', async () => {
    const reports = await t.app.get(NomenclaturesService).importPath('data/nomenclatures');
    expect(reports).toHaveLength(89);
    expect(reports.every((r) => r.outcome === 'unchanged')).toBe(true);
  });

  it('loads a newer version, keeps the old one, reports what changed, and validates against the new one', async () => {
    const table = JSON.parse(readFileSync(FILE, 'utf8'));
    const include = table.compose.include[0];
    include.concept = include.concept.filter((c: { code: string }) => c.code !== '09'); // removed
    include.concept.find((c: { code: string }) => c.code === '28').display = 'Hospitalisation complète';
    include.concept.push({ code: '99', display: 'Mode de test' });
    table.version = '20270101120000';
    table.date = '2027-01-01T12:00:00+01:00';
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nos-'));
    const file = path.join(dir, path.basename(FILE));
    writeFileSync(file, JSON.stringify(table));

    const [report] = await t.app.get(NomenclaturesService).importPath(file);
    expect(report).toMatchObject({
      outcome: 'loaded',
      name: 'JDV_J19-ModePriseEnCharge-ROR',
      previousVersion: '20260330120000',
      version: '20270101120000',
      added: ['99'],
      changed: ['28'],
      removed: ['09'],
    });
    const versions = await t.db.query(
      `SELECT version, is_current FROM nomenclature_version WHERE url = $1 ORDER BY version`,
      [table.url],
    );
    expect(versions.rows).toEqual([
      { version: '20260330120000', is_current: false },
      { version: '20270101120000', is_current: true },
    ]);
    const api = await t.as('reader');
    const codes = await api
      .get('/api/nomenclatures/codes')
      .query({ filter: JSON.stringify({ valueSet: report!.name, q: 'mode de test' }) });
    expect(codes.body.map((c: { code: string }) => c.code)).toEqual(['99']);
  });
});
