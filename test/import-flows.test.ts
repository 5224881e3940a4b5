import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AccessPolicy } from '../apps/api/src/fhir/access-policy.js';
import { rowSelect } from '../apps/api/src/fhir/fhir-row-sql.js';
import { toPractitionerRole } from '../apps/api/src/fhir/mapping/practitioner.mapper.js';
import { importFixture, importSession } from './support/imports.js';
import { snapshot, type TestApp } from './support/test-app.js';

/** Issue 4, second part: FINESS+ groupings and Activités, legacy equipment lines, RPPS closures. */
const fixture = importFixture;
const STRUCTURES = fixture('finess-structures-excerpt-20260309.json');
const ACTIVITIES = fixture('finess-activites-excerpt-20260401.json');
const EQUIPMENT = fixture('cs1100505-cs1100504-equipment.csv');
const RPPS = fixture('PS_LibreAcces_Personne_activite_small.txt');

const session = importSession('ror-import-flows-');
const { tmp, run, rows } = session;
let t: TestApp;
beforeAll(() => {
  ({ t } = session);
});
const activity = async (key: string) => (await rows(`SELECT * FROM finess_activity WHERE source_key = $1`, [key]))[0];
const rejections = (runId: string) =>
  rows(`SELECT line, reason FROM import_rejection WHERE run_id = $1 ORDER BY line`, [runId]);
const audited = async (runId: string, entityType: string) =>
  (
    await rows(`SELECT count(*)::int AS n FROM audit_event WHERE actor = $1 AND entity_type = $2`, [
      `import:${runId}`,
      entityType,
    ])
  )[0].n;

describe('FINESS+ Structures groupings', () => {
  it('imports the GHT and the GCS/GIE with their members, once', async () => {
    const dry = await run('finess', STRUCTURES, true);
    expect(dry).toMatchObject({ status: 'succeeded', created: 8, rejected: 0 });
    expect(await rows(`SELECT * FROM finess_grouping`)).toHaveLength(0);

    const r = await run('finess', STRUCTURES);
    // 3 EJ + 2 EG, 1 GCC + 2 GCO.
    expect(r).toMatchObject({ status: 'succeeded', rejected: 0 });
    expect(r.created + r.closed).toBe(8);
    const ght = (await rows(`SELECT * FROM finess_grouping WHERE kind = 'GCC'`))[0];
    expect(ght).toMatchObject({
      source_id: '1',
      name: "21-52 Côte d'Or-Haute-Marne",
      type_code: '001',
      external_id: '27103',
      closed_on: null,
    });
    expect(ght.members).toHaveLength(9);
    expect(ght.members).toContainEqual({ type: 'PM', id: '14967', role: 'S' });
    const gco = await rows(`SELECT source_id, type_code, members FROM finess_grouping WHERE kind = 'GCO' ORDER BY 1`);
    expect(gco).toEqual([
      { source_id: '403', type_code: '003', members: [] },
      { source_id: '96662', type_code: '001', members: [] },
    ]);
    expect(await audited(r.id, 'finess-groupings')).toBe(3);
    // FINESS+ technical ids kept on the structures: groupings and activities name them so.
    expect(
      (await rows(`SELECT finess_data FROM organization WHERE finess = '010000156'`))[0].finess_data,
    ).toMatchObject({ pmSmsseId: '2' });

    const again = await run('finess', STRUCTURES);
    expect(again).toMatchObject({ created: 0, updated: 0, closed: 0, unchanged: 8 });
  });

  it('closes, never deletes, a GHT FINESS marks inactive', async () => {
    const doc = JSON.parse(readFileSync(STRUCTURES, 'utf8'));
    doc.gcc[0].etatObjet = 'I';
    doc.gcc[0].dateDerniereMaj = '2026-03-10 08:00:00';
    // The EJ of the excerpt (pmSmsseId 2) joins the GHT in the same change.
    doc.gcc[0].pmejDuGcc.push({ pmSmsseId: '2', typeRoleEntiteGroupe: 'M' });
    const later = path.join(tmp, 'structures-later.json');
    writeFileSync(later, JSON.stringify(doc));
    const r = await run('finess', later);
    expect(r).toMatchObject({ closed: 1, created: 0, rejected: 0 });
    const ght = (await rows(`SELECT closed_on FROM finess_grouping WHERE kind = 'GCC'`))[0];
    expect(ght.closed_on.toISOString().slice(0, 10)).toBe('2026-03-10');
    expect(await rows(`SELECT * FROM finess_grouping`)).toHaveLength(3);

    // Shown read-only on the EJ's page: the GHT it is a member of.
    const ej = (await rows(`SELECT id FROM organization WHERE finess = '010000156'`))[0].id;
    const agent = await t.as('reader');
    const res = await agent.get(`/api/finess-groupings?filter=${JSON.stringify({ organizationId: ej })}`).expect(200);
    expect(res.body).toEqual([
      expect.objectContaining({
        kind: 'GCC',
        name: "21-52 Côte d'Or-Haute-Marne",
        role: 'M',
        memberCount: 10,
        closedOn: '2026-03-10',
      }),
    ]);
    await agent.get('/api/finess-groupings').expect(400);
  });
});

describe('FINESS+ Activités', () => {
  it('is told apart from a Structures file; a dry run writes nothing', async () => {
    const before = await snapshot(t.db);
    const dry = await run('finess', ACTIVITIES, true);
    expect(dry).toMatchObject({ status: 'succeeded', format: 'finess-activities', created: 10, rejected: 0 });
    expect(await snapshot(t.db)).toEqual(before);
    await expect(run('rpps', ACTIVITIES)).rejects.toThrow(/un fichier RPPS était attendu.*FINESS\+ Activités/);
  });

  it('imports authorisations on the EJ and exercised activities on the EG with the ANS status rule', async () => {
    const r = await run('finess', ACTIVITIES);
    expect(r).toMatchObject({ status: 'succeeded', created: 10, rejected: 0 });
    expect(await audited(r.id, 'finess-activities')).toBe(10);
    const counts = await rows(`SELECT scope, finess, count(*)::int AS n FROM finess_activity GROUP BY 1, 2 ORDER BY 1`);
    expect(counts).toEqual([
      { scope: 'EG', finess: '010780195', n: 4 },
      { scope: 'EJ', finess: '010000156', n: 6 },
    ]);
    // AMF authorisation with only its 010 event: active, not yet implemented (2).
    expect(await activity('43285')).toMatchObject({
      nature: 'AMF',
      activity_code: 'AMF_18_69_15',
      codes: { activiteAMF: '18', modaliteActivite: '69', formeActivite: '15' },
      status: 2,
      arhgos_number: '84-82-48769',
      scope: 'EJ',
    });
    // Its exercised activity on the EG: latest 012/015 event is a 012 → implemented (1).
    expect(await activity('43286')).toMatchObject({ status: 1, authorization_key: '43285', finess: '010780195' });
    // AASA with a 012 event: 1; ends on its authorised end date.
    const aasa = await activity('15243');
    expect(aasa).toMatchObject({ activity_code: 'AASA_A0_00_15', status: 1 });
    expect(aasa.ends_on.toISOString().slice(0, 10)).toBe('2026-04-27');
    // etatObjet I → inactive (3), whatever its events.
    expect(await activity('178734')).toMatchObject({ status: 3, activity_code: 'ASDR_105_03_990' });
    // Capacities: 08 installed, 09 authorised (ANS mapping note).
    expect(await activity('9482')).toMatchObject({ authorised_capacity: 4, installed_capacity: 4, status: 2 });
    expect(await activity('120851')).toMatchObject({ authorised_capacity: 3, installed_capacity: null, status: 3 });

    const again = await run('finess', ACTIVITIES);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 10 });
  });

  it('updates what changed, and rejects a malformed activity with its entry while the run goes on', async () => {
    const doc = JSON.parse(readFileSync(ACTIVITIES, 'utf8'));
    const authorisations = doc.pmej[0].activitesAutorisees;
    authorisations[1].caracteristiquesGeneriques.etatObjet = 'I';
    authorisations[1].caracteristiquesGeneriques.dateFinEffectiveActivite = '2026-03-31';
    authorisations[0].nature.codeNature = null;
    doc.pmej.push({ numFiness: '12', activitesAutorisees: [] });
    // Schema 1.0.1: the version in `metadata`.
    delete doc.schemaVersion;
    doc.metadata = { schemaVersion: 'v1.0.1', generatedAt: '2026-04-02T00:00:00Z' };
    const file = path.join(tmp, 'activites-later.json');
    writeFileSync(file, JSON.stringify(doc));
    const r = await run('finess', file);
    expect(r).toMatchObject({ status: 'succeeded', format: 'finess-activities', rejected: 2, closed: 1, updated: 0 });
    const rejected = await rejections(r.id);
    expect(rejected).toEqual([
      { line: 1, reason: expect.stringMatching(/codeNature invalide/) },
      { line: 2, reason: expect.stringMatching(/numéro FINESS EJ invalide : « 12 »/) },
    ]);
    const closed = await activity('43285');
    expect(closed.status).toBe(3);
    expect(closed.closed_on.toISOString().slice(0, 10)).toBe('2026-03-31');
    // The rejected activity is left as it was, not deleted.
    expect(await activity('147057')).toMatchObject({ status: 2 });
  });
});

describe('legacy equipment lines', () => {
  it('imports social equipment places and heavy-equipment authorisations onto the establishment', async () => {
    const before = await snapshot(t.db);
    const dry = await run('finess', EQUIPMENT, true);
    expect(dry).toMatchObject({ status: 'succeeded', created: 5, rejected: 2 });
    expect(await snapshot(t.db)).toEqual(before);

    const r = await run('finess', EQUIPMENT);
    expect(r).toMatchObject({ status: 'succeeded', format: 'finess-legacy', created: 5, rejected: 2 });
    expect(await rejections(r.id)).toEqual([
      { line: 6, reason: 'equipementsocial : 28 champs attendus, 7 trouvés' },
      { line: 7, reason: 'capinstot invalide : « quatre »' },
    ]);
    expect(await activity('ES/970302287/924/11/711')).toMatchObject({
      scope: 'EG',
      finess: '970302287',
      nature: 'ES',
      activity_code: 'ES_924_11_711',
      labels: {
        discipline: 'Accueil pour Personnes Âgées',
        activite: 'Hébergement Complet Internat',
        clientele: 'Personnes Âgées Dépendantes',
      },
      installed_capacity: 80,
      authorised_capacity: 80,
      status: 1,
    });
    expect(await activity('ES/970302287/924/21/436')).toMatchObject({
      installed_capacity: 0,
      authorised_capacity: 6,
      status: 2,
    });
    const deleted = await activity('ES/970302287/924/40/711');
    expect(deleted.status).toBe(3);
    expect(deleted.closed_on.toISOString().slice(0, 10)).toBe('2018-03-31');
    expect(await activity('EML/010780054/010000024/05602/0101234567')).toMatchObject({
      nature: 'EML',
      activity_code: 'EML_05602',
      finess: '010000024',
      ej_finess: '010780054',
      arhgos_number: '84-82-E0001',
      status: 1,
    });
    expect(await activity('EML/010780054/010000024/06201/0101234568')).toMatchObject({ status: 2 });
    expect(await audited(r.id, 'finess-activities')).toBe(5);
    // Not the places' equipment (J18 on a Location): that table stays the structures' own.
    expect(await rows(`SELECT * FROM equipment`)).toHaveLength(0);

    const again = await run('finess', EQUIPMENT);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 5, rejected: 2 });
  });

  it('shows an establishment’s authorisations read-only through the admin API', async () => {
    await run('finess', fixture('etalab-cs1100502-stock-20260512-0339.excerpt.csv'));
    const id = (await rows(`SELECT id FROM organization WHERE finess = '970302287'`))[0].id;
    const agent = await t.as('reader');
    const res = await agent.get(`/api/finess-activities?filter=${JSON.stringify({ organizationId: id })}`).expect(200);
    expect(res.body).toHaveLength(3);
    expect(res.headers['content-range']).toMatch(/\/3$/);
    expect(res.body[0]).toMatchObject({ finess: '970302287', nature: 'ES', activityCode: 'ES_924_11_711' });
    expect(res.body[0].finessSource).toMatch(/cs1100505-cs1100504-equipment\.csv/);
    await agent
      .post('/api/finess-activities')
      .send({})
      .expect((r) => expect([403, 404]).toContain(r.status));
  });
});

describe('RPPS closures', () => {
  it('closes a situation a later full file no longer lists, and its practice left empty; never deletes', async () => {
    const first = await run('rpps', RPPS);
    expect(first.status).toBe('succeeded');
    // A situation a user made (no RPPS key) on the same practice is never closed by the import.
    const lines = readFileSync(RPPS, 'utf8').split('\n');
    const gone = lines.find((l) => l.includes('|CHAVANON|'))!;
    const b = path.join(tmp, 'rpps-b.txt');
    writeFileSync(b, lines.filter((l) => l !== gone).join('\n'));
    const role = `SELECT r.* FROM practitioner_role r JOIN practitioner p ON p.id = r.practitioner_id WHERE p.rpps_id = '0019200575'`;
    const unit = `SELECT * FROM organization WHERE rpps_structure_id = 'C01920057500/0019200575'`;

    const before = await snapshot(t.db);
    const dry = await run('rpps', b, true);
    expect(dry).toMatchObject({ created: 0, updated: 0, closed: 4 });
    expect(await snapshot(t.db)).toEqual(before);

    const r = await run('rpps', b);
    // The situation, then its unit (OI), site (EG) and EJ: nothing else of the practice is open.
    expect(r).toMatchObject({ status: 'succeeded', created: 0, updated: 0, closed: 4 });
    expect(r.message).toMatch(/1 situation\(s\) d’exercice absente\(s\) du fichier fermée\(s\)/);
    const closed = (await rows(role))[0];
    expect(closed.closed_on).not.toBeNull();
    expect((await rows(unit))[0].closing_type).toMatchObject({ code: 'NDI' });
    const events = await rows(`SELECT entity_type, action FROM audit_event WHERE actor = $1 ORDER BY entity_type`, [
      `import:${r.id}`,
    ]);
    expect(events).toEqual([
      { entity_type: 'organizations', action: 'update' },
      { entity_type: 'organizations', action: 'update' },
      { entity_type: 'organizations', action: 'update' },
      { entity_type: 'practitioner-roles', action: 'update' },
    ]);
    // On the FHIR API (situations linked to an offer): inactive with its end, base PractitionerRole.active / period.
    const policy = new AccessPolicy({ accessProfile: 1, regions: [] });
    const [fhirRow] = await rows(`${rowSelect('PractitionerRole', policy)} WHERE x.id = $1`, [closed.id]);
    expect(toPractitionerRole(fhirRow, policy)).toMatchObject({
      active: false,
      period: { end: new Date().toISOString().slice(0, 10) },
    });
    // Other situations of the file are untouched.
    expect((await rows(`SELECT count(*)::int AS n FROM practitioner_role WHERE closed_on IS NOT NULL`))[0].n).toBe(1);

    const again = await run('rpps', b);
    expect(again).toMatchObject({ created: 0, updated: 0, closed: 0 });

    // Listed again in a later file: open again, practice too.
    const back = await run('rpps', RPPS);
    expect(back).toMatchObject({ created: 0, closed: 0, updated: 4 });
    expect((await rows(role))[0].closed_on).toBeNull();
    expect((await rows(unit))[0].closed_on).toBeNull();
  });

  it('keeps open the situations of a professional whose line is rejected', async () => {
    const lines = readFileSync(RPPS, 'utf8').split('\n');
    const b = path.join(tmp, 'rpps-unknown-code.txt');
    writeFileSync(b, lines.map((l) => (l.includes('|STEVANATO|') ? l.replace('|98|', '|77|') : l)).join('\n'));
    expect(lines.join('\n')).not.toBe(readFileSync(b, 'utf8'));
    const r = await run('rpps', b);
    expect(r).toMatchObject({ status: 'succeeded', closed: 0, rejected: 4 });
    const open = await rows(
      `SELECT r.closed_on FROM practitioner_role r JOIN practitioner p ON p.id = r.practitioner_id WHERE p.rpps_id = '0019801570'`,
    );
    expect(open).toEqual([{ closed_on: null }]);
  });

  it('never closes situations users made', async () => {
    const agent = await t.as('admin');
    const practitioner = (await rows(`SELECT id FROM practitioner WHERE rpps_id = '0019801570'`))[0].id;
    const organization = (await rows(`SELECT id FROM organization WHERE finess = '970302287'`))[0].id;
    const { body } = await agent
      .post('/api/practitioner-roles')
      .send({
        practitionerId: practitioner,
        organizationId: organization,
        profession: {
          system: 'https://mos.esante.gouv.fr/NOS/TRE_G15-ProfessionSante/FHIR/TRE-G15-ProfessionSante',
          code: '60',
        },
      })
      .expect(201);
    const lines = readFileSync(RPPS, 'utf8').split('\n');
    const b = path.join(tmp, 'rpps-without-stevanato.txt');
    writeFileSync(b, lines.filter((l) => !l.includes('|STEVANATO|')).join('\n'));
    const r = await run('rpps', b);
    expect(r.closed).toBeGreaterThanOrEqual(1);
    expect((await rows(`SELECT closed_on FROM practitioner_role WHERE id = $1`, [body.id]))[0].closed_on).toBeNull();
  });
});
