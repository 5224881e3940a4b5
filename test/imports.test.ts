import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ImportsService } from '../apps/api/src/imports/imports.service.js';
import { importFixture, importSession } from './support/imports.js';
import { snapshot, type TestApp } from './support/test-app.js';

const fixture = importFixture;
const LEGACY = 'etalab-cs1100502-stock-20260512-0339.excerpt.csv';
const GEOLOCALISED = 'cs1100507-geolocalised.csv';
const FINESS_PLUS = 'finess-structures-excerpt-20260309.json';
const RPPS = 'PS_LibreAcces_Personne_activite_small.txt';

const session = importSession('ror-import-test-');
const { tmp, run } = session;
let t: TestApp;
let imports: ImportsService;
beforeAll(() => {
  ({ t, imports } = session);
});
const org = async (finess: string) =>
  (await t.db.query(`SELECT * FROM organization WHERE finess = $1`, [finess])).rows[0];
const rejections = async (runId: string) =>
  (await t.db.query(`SELECT line, reason FROM import_rejection WHERE run_id = $1 ORDER BY line`, [runId])).rows;

describe('FINESS legacy CSV import', () => {
  it('dry run reports what would change and writes nothing', async () => {
    const before = await snapshot(t.db);
    const r = await run('finess', fixture(GEOLOCALISED), true);
    expect(r.status).toBe('succeeded');
    // 14 ET + 13 EJ known only by number (two ETs share the Cayenne EJ) are created.
    expect(r).toMatchObject({ created: 27, updated: 0, rejected: 0 });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('imports the real excerpt with the control point reprojected and overseas codes resolved', async () => {
    const r = await run('finess', fixture(GEOLOCALISED));
    expect(r).toMatchObject({
      status: 'succeeded',
      created: 27,
      updated: 0,
      closed: 0,
      rejected: 0,
      format: 'finess-legacy',
    });
    const fleyriat = await org('010000024');
    expect(fleyriat).toMatchObject({
      kind: 'EG',
      name: 'CENTRE HOSPITALIER DE BOURG-EN-BRESSE FLEYRIAT',
      siret: '26010004500012',
      commune_code: '01451',
      departement_code: '01',
      region_code: '84',
      address: { line: '900 ROUTE DE PARIS', postalCode: '01440', city: 'VIRIAT' },
    });
    expect(fleyriat.category).toMatchObject({ code: '355' });
    expect(fleyriat.opened_on.toISOString().slice(0, 10)).toBe('1979-02-13');
    // Control point of formats/finess.md §4: EPSG:2154 (870262.2, 6571540.8) → lon 5.20918, lat 46.22229.
    expect(fleyriat.longitude).toBeCloseTo(5.20918, 4);
    expect(fleyriat.latitude).toBeCloseTo(46.22229, 4);
    expect((await org('010780054')).id).toBe(fleyriat.parent_id);
    // Swapped UTM 22N pair: lands in Cayenne, not 200 km away.
    const cayenne = await org('970300026');
    expect(cayenne.latitude).toBeCloseTo(4.938, 2);
    expect(cayenne.longitude).toBeCloseTo(-52.326, 2);
    // 9A + 123 / 97133 is Saint-Barthélemy (97701), 9A + 127 / 97150 Saint-Martin (97801), 9J Wallis (98613).
    expect(await org('970102018')).toMatchObject({ commune_code: '97701', departement_code: '977' });
    expect(await org('970100400')).toMatchObject({ commune_code: '97801', region_code: '978' });
    expect(await org('980600027')).toMatchObject({ commune_code: '98613' });
    expect(await org('980501506')).toMatchObject({
      name: 'LIEU DE VIE ET D\'ACCUEIL "MAVOUNA MEMA 1"',
      commune_code: '97606',
    });
    const audit = await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE actor = $1`, [`import:${r.id}`]);
    // One event per structure: the two positions are written with their establishments, not after them.
    expect(audit.rows[0].n).toBe(27);
  });

  it('a second import of the same file changes nothing', async () => {
    const before = await snapshot(t.db);
    const versions = (await t.db.query(`SELECT sum(version)::int AS v FROM organization`)).rows[0].v;
    const r = await run('finess', fixture(GEOLOCALISED));
    expect(r).toMatchObject({ created: 0, updated: 0, closed: 0, rejected: 0, unchanged: 14 });
    expect(await snapshot(t.db)).toEqual(before);
    expect((await t.db.query(`SELECT sum(version)::int AS v FROM organization`)).rows[0].v).toBe(versions);
  });

  it('keeps the fields users completed', async () => {
    const agent = await t.as('admin');
    const { body } = await agent.get(`/api/organizations/${(await org('010000024')).id}`).expect(200);
    await agent
      .put(`/api/organizations/${body.id}`)
      .send({ ...body, operationalName: 'Hôpital Fleyriat', comment: 'Héliport', name: 'Nom changé à la main' })
      .expect(200);
    const r = await run('finess', fixture(GEOLOCALISED));
    expect(r).toMatchObject({ created: 0, updated: 0, rejected: 0 });
    expect(await org('010000024')).toMatchObject({
      operational_name: 'Hôpital Fleyriat',
      comment: 'Héliport',
      name: 'CENTRE HOSPITALIER DE BOURG-EN-BRESSE FLEYRIAT',
    });
  });

  it('reads a Windows-1252 extract the same way', async () => {
    const r = await run('finess', fixture('cs1100502-windows-1252.csv'));
    expect(r).toMatchObject({ status: 'succeeded', created: 0, updated: 0, rejected: 0 });
    expect((await org('970302287')).name).toBe('E.H.P.A.D. DU CENTRE HOSPITALIER DE CAYENNE');
  });

  it('closes, never deletes, a structure a later stock file no longer lists', async () => {
    const lines = (await import('node:fs')).readFileSync(fixture(LEGACY), 'utf8').split('\n');
    const later = path.join(tmp, 'later.csv');
    writeFileSync(later, lines.filter((l) => !l.includes(';970102059;')).join('\n'));
    const r = await run('finess', later);
    expect(r).toMatchObject({ status: 'succeeded', closed: 1, created: 0, updated: 0 });
    const closed = await org('970102059');
    expect(closed.closed_on).not.toBeNull();
    expect(closed.closing_type).toMatchObject({ code: 'NDI' });
  });

  it('rejects malformed lines one by one and imports the rest', async () => {
    const r = await run('finess', fixture('cs1100502-malformed.csv'));
    expect(r.status).toBe('succeeded');
    const rows = await rejections(r.id);
    expect(rows.map((x) => x.line)).toEqual([3, 4, 5, 6, 8, 9]);
    expect(rows[0].reason).toMatch(/32 champs attendus, 5 trouvés/);
    expect(rows[1].reason).toMatch(/catégorie.*998/);
    expect(rows[2].reason).toMatch(/date invalide/);
    expect(rows[3].reason).toMatch(/guillemets/);
    expect(rows[4].reason).toMatch(/encodage/);
    expect(rows[5].reason).toMatch(/champs attendus/);
    expect(r.rejected).toBe(6);
  });

  it('refuses a file of another kind before writing anything', async () => {
    const before = await snapshot(t.db);
    await expect(run('finess', fixture(RPPS))).rejects.toThrow(/un fichier FINESS était attendu.*RPPS/);
    await expect(run('rpps', fixture(LEGACY))).rejects.toThrow(/un fichier RPPS était attendu/);
    expect(await snapshot(t.db)).toEqual(before);
    const refused = await t.db.query(`SELECT count(*)::int AS n FROM import_run WHERE status = 'refused'`);
    expect(refused.rows[0].n).toBe(2);
  });

  it('writes an establishment once with its position, its geolocalisation line before or after it', async () => {
    const [header, ...lines] = readFileSync(fixture(GEOLOCALISED), 'utf8').split('\n');
    const geolocation = lines.filter((l) => l.startsWith('geolocalisation;'));
    const others = lines.filter((l) => !l.startsWith('geolocalisation;'));
    const eventsOf = async (runId: string, id: string) =>
      (await t.db.query(`SELECT action FROM audit_event WHERE actor = $1 AND entity_id = $2`, [`import:${runId}`, id]))
        .rows;
    // Fleyriat moved 1 km east (Lambert-93 x + 1000 m), its geolocalisation line before its structure line.
    const first = path.join(tmp, 'geolocation-first.csv');
    const moved = geolocation.map((l) => l.replace(';010000024;870262.2;', ';010000024;871262.2;'));
    writeFileSync(first, [header, ...moved, ...others].join('\n'));
    const r = await run('finess', first);
    expect(r).toMatchObject({ status: 'succeeded', rejected: 0 });
    const fleyriat = await org('010000024');
    expect(fleyriat.longitude).toBeCloseTo(5.2221, 3);
    expect(fleyriat.geocoding).toBe('adresse (EPSG:2154)');
    expect(await eventsOf(r.id, fleyriat.id)).toEqual([{ action: 'update' }]);
    // A file without geolocalisation lines leaves the positions as they are.
    const without = path.join(tmp, 'without-geolocation.csv');
    writeFileSync(without, [header, ...others].join('\n'));
    const bare = await run('finess', without);
    expect(await eventsOf(bare.id, fleyriat.id)).toEqual([]);
    expect((await org('010000024')).longitude).toBeCloseTo(5.2221, 3);
    // The real file, its lines after the structures: the control point again, in one update.
    const back = await run('finess', fixture(GEOLOCALISED));
    expect((await org('010000024')).longitude).toBeCloseTo(5.20918, 4);
    expect(await eventsOf(back.id, fleyriat.id)).toEqual([{ action: 'update' }]);
  });
});

describe('FINESS+ JSON import', () => {
  it('imports EJ and EG with closures and WGS84 positions', async () => {
    const r = await run('finess', fixture(FINESS_PLUS));
    expect(r).toMatchObject({ status: 'succeeded', format: 'finess-plus', rejected: 0 });
    // 3 EJ and 2 EG, 1 GHT (gcc) and 2 GCS/GIE (gco): groupings in test/import-flows.test.ts.
    expect(r.created + r.updated + r.closed).toBe(8);
    // TRE_R397 category 321 (SMUR) is outside JDV_J55: kept without category, the FINESS code aside.
    expect((await org('010787190')).finess_data).toMatchObject({ categoryCode: '321' });
    const convert = await org('010780195');
    expect(convert).toMatchObject({
      kind: 'EG',
      name: 'CLINIQUE DOCTEUR CONVERT',
      commune_code: '01053',
      closed_on: null,
    });
    expect(convert.latitude).toBeCloseTo(46.211257, 5);
    expect(convert.longitude).toBeCloseTo(5.254203, 5);
    const closedEj = await org('010000164');
    expect(closedEj).toMatchObject({ name: "POLYCLINIQUE D'AMBERIEU EN BUGEY" });
    expect(closedEj.closing_type).toMatchObject({ code: 'DEF' });
    expect((await run('finess', fixture(FINESS_PLUS))).unchanged).toBe(8);
  });
});

describe('RPPS import', () => {
  it('imports practitioners and situations linked to EG by FINESS site, ville practices as EJ/EG/unit', async () => {
    const r = await run('rpps', fixture(RPPS));
    // Title users (71 ostéopathe, 72 psychothérapeute, 93 psychologue) are outside JDV_J229: rejected.
    expect(r).toMatchObject({ status: 'succeeded', format: 'rpps', rejected: 3 });
    expect((await rejections(r.id))[0].reason).toMatch(/profession « 71 » absent du jeu de valeurs JDV_J229/);
    const people = await t.db.query(`SELECT count(*)::int AS n FROM practitioner`);
    expect(people.rows[0].n).toBe(19);
    const stevanato = await t.db.query(
      `SELECT r.*, o.finess FROM practitioner p JOIN practitioner_role r ON r.practitioner_id = p.id
       LEFT JOIN organization o ON o.id = r.organization_id WHERE p.rpps_id = '0019801570'`,
    );
    expect(stevanato.rows[0]).toMatchObject({
      finess: '010000024',
      profession: { code: '98' },
      exercise_mode: { code: 'S' },
    });
    const unit = await t.db.query(
      `SELECT u.kind, u.name, eg.kind AS eg_kind, eg.category, ej.kind AS ej_kind FROM organization u
       JOIN organization eg ON eg.id = u.parent_id JOIN organization ej ON ej.id = eg.parent_id
       WHERE u.rpps_structure_id = 'C01920057500/0019200575'`,
    );
    expect(unit.rows[0]).toMatchObject({ kind: 'OI', name: 'CECILE CHAVANON', eg_kind: 'EG', ej_kind: 'EJ' });
    expect(unit.rows[0].category).toMatchObject({ code: 'SA08' });
    const again = await run('rpps', fixture(RPPS));
    expect(again).toMatchObject({ created: 0, updated: 0, rejected: 3 });
  });

  it('rejects lines with a wrong field count or an unknown code', async () => {
    const lines = (await import('node:fs')).readFileSync(fixture(RPPS), 'utf8').split('\n');
    const file = path.join(tmp, 'rpps-bad.txt');
    writeFileSync(
      file,
      [
        lines[0],
        lines[8]!.replace('|86|Technicien de laboratoire médical|', '|77|Inconnu|'),
        'trop|court|',
        lines[8],
      ].join('\n'),
    );
    const r = await run('rpps', file);
    expect((await rejections(r.id)).map((x) => x.line)).toEqual([2, 3]);
  });
});

describe('interrupted run', () => {
  it('leaves whole batches only, and a rerun completes the job', async () => {
    const lines = (await import('node:fs')).readFileSync(fixture(RPPS), 'utf8').split('\n');
    const header = lines[0];
    // 12,000 synthetic professionals: three batches of 5,000 lines.
    const model = lines.find((l) => l.includes('|STEVANATO|'))!;
    const body = Array.from({ length: 12000 }, (_, i) =>
      model
        .replace('0|019801570|0019801570|', `8|${10100000000 + i}|8${10100000000 + i}|`)
        .replace('STEVANATO', `NOM${i}`),
    );
    const file = path.join(tmp, 'rpps-big.txt');
    writeFileSync(file, [header, ...body].join('\n') + '\n');
    const crashed = await imports.run('rpps', file, 'rpps-big.txt', {
      startedBy: 'test',
      afterBatch: (n) => {
        if (n === 1) throw new Error('processus tué');
      },
    });
    expect(crashed.status).toBe('failed');
    const count = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM practitioner WHERE last_name LIKE 'NOM%'`)).rows[0].n;
    expect(await count()).toBe(5000);
    const rerun = await run('rpps', file);
    expect(rerun).toMatchObject({ status: 'succeeded', rejected: 0 });
    expect(await count()).toBe(12000);
    // The 7,000 professionals and situations the crash left out; the first 5,000 are unchanged.
    expect(rerun).toMatchObject({ created: 7000 * 2, updated: 0 });
  });
});

describe('admin API', () => {
  it('uploads a file, runs it in the background, reports progress and rejections', async () => {
    const admin = await t.as('admin');
    const { body: run } = await admin
      .post('/api/imports')
      .field('kind', 'finess')
      .field('dryRun', 'true')
      .attach('file', fixture('cs1100502-malformed.csv'))
      .expect(202);
    expect(run).toMatchObject({ kind: 'finess', dryRun: true, fileName: 'cs1100502-malformed.csv' });
    let current = run;
    for (let i = 0; i < 100 && ['queued', 'running'].includes(current.status); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      current = (await admin.get(`/api/imports/${run.id}`).expect(200)).body;
    }
    expect(current).toMatchObject({ status: 'succeeded', rejected: 6 });
    const rejected = await admin.get(`/api/imports/${run.id}/rejections`).expect(200);
    expect(rejected.body).toHaveLength(6);
    expect(rejected.headers['content-range']).toMatch(/\/6$/);
    const list = await admin.get('/api/imports').expect(200);
    expect(list.body[0].id).toBe(run.id);
  });

  it('refuses a file of another kind with what was expected, and non-admins', async () => {
    const admin = await t.as('admin');
    const refused = await admin.post('/api/imports').field('kind', 'rpps').attach('file', fixture(LEGACY)).expect(400);
    expect(refused.body.message).toMatch(/un fichier RPPS était attendu/);
    const editor = await t.as('hospital-editor');
    await editor.post('/api/imports').field('kind', 'finess').attach('file', fixture(LEGACY)).expect(403);
    await editor.get('/api/imports').expect(403);
  });
});
