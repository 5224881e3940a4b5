import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type request from 'supertest';
import { demoIds, type Ids, NOS, RESOURCES } from './support/fixtures.js';
import { snapshot, startTestApp, type TestApp } from './support/test-app.js';

/**
 * The authorization matrix of DESIGN §2: every persona × every mutating endpoint × a target inside and
 * outside its scope → the expected status, and nothing changed on a refusal.
 */
let t: TestApp;
let admin: request.Agent;
const structures: Record<Structure, Ids> = {} as never;
/** One record per resource per structure, created by the admin, that the personas try to change. */
const targets: Record<Structure, Record<string, { id: string }>> = {} as never;

type Structure = 'fleyriat' | 'ehpad' | 'cabinet';
const STRUCTURES: Structure[] = ['fleyriat', 'ehpad', 'cabinet'];

/** Where each persona may write (demo role assignments; the liberal's own practice; ARS region 84). */
const SCOPE: Record<string, Structure[]> = {
  'hospital-editor': ['fleyriat'],
  'hospital-referent': ['fleyriat'],
  'ms-editor': ['ehpad'],
  liberal: ['cabinet'],
  'ars-reviewer': ['fleyriat', 'cabinet'],
  admin: ['fleyriat', 'ehpad', 'cabinet'],
  reader: [],
  'card-only': [],
};

// Practitioners are national records: covered by their own test below.
const SCOPED_RESOURCES = RESOURCES.filter((r) => r.resource !== 'practitioners');

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
  const one = async (sql: string) => (await t.db.query(sql)).rows[0].id as string;
  structures.fleyriat = await demoIds(t.db);
  const ehpad = await one(`SELECT id FROM organization WHERE finess = '970302287'`);
  structures.ehpad = {
    ...structures.fleyriat,
    ej: await one(`SELECT id FROM organization WHERE finess = '970302022'`),
    eg: ehpad,
    oiCardio: ehpad,
    location: await one(`SELECT id FROM location WHERE name LIKE 'EHPAD Edmar Lama%'`),
    commune: '97302',
  };
  structures.cabinet = {
    ...structures.fleyriat,
    ej: await one(`SELECT id FROM organization WHERE kind = 'EJ' AND name = 'CABINET DR HELENE VASSEUR'`),
    eg: await one(`SELECT id FROM organization WHERE kind = 'EG' AND name = 'CABINET DR HELENE VASSEUR'`),
    oiCardio: await one(`SELECT id FROM organization WHERE name = 'Consultations de médecine générale'`),
    location: await one(`SELECT id FROM location WHERE name = 'Cabinet — 14 rue des Tilleuls'`),
    commune: '69383',
  };
  for (const structure of STRUCTURES) {
    targets[structure] = {};
    for (const { resource, body } of SCOPED_RESOURCES) {
      const created = await admin.post(`/api/${resource}`).send(body(structures[structure]));
      expect([structure, resource, created.status]).toEqual([structure, resource, 201]);
      targets[structure][resource] = created.body;
    }
  }
});
afterAll(() => t.close());

const current = async (resource: string, id: string) => (await admin.get(`/api/${resource}/${id}`).expect(200)).body;

describe.each(Object.keys(SCOPE))('%s', (persona) => {
  it('is refused every write outside its scope, and nothing changes', async () => {
    const api = await t.as(persona);
    const before = await snapshot(t.db);
    const outside = STRUCTURES.filter((s) => !SCOPE[persona]!.includes(s));
    const versions: number[] = [];
    for (const structure of outside) {
      for (const { resource, body, change } of SCOPED_RESOURCES) {
        const target = await current(resource, targets[structure][resource]!.id);
        versions.push(target.version);
        const attempts = [
          ['create', await api.post(`/api/${resource}`).send(body(structures[structure]))],
          ['update', await api.put(`/api/${resource}/${target.id}`).send({ ...target, ...change })],
          ['delete', await api.delete(`/api/${resource}/${target.id}`)],
        ] as const;
        for (const [action, response] of attempts) {
          expect([structure, resource, action, response.status]).toEqual([structure, resource, action, 403]);
        }
      }
    }
    expect(await snapshot(t.db)).toEqual(before);
    const after: number[] = [];
    for (const structure of outside) {
      for (const { resource } of SCOPED_RESOURCES)
        after.push((await current(resource, targets[structure][resource]!.id)).version);
    }
    expect(after).toEqual(versions);
  });

  it('may delete, create and update inside its scope', async () => {
    const api = await t.as(persona);
    for (const structure of SCOPE[persona]!) {
      for (const { resource, body, change } of SCOPED_RESOURCES) {
        // The new record takes the place of the deleted target (some records are unique per place).
        const removed = await api.delete(`/api/${resource}/${targets[structure][resource]!.id}`);
        expect([structure, resource, 'delete', removed.status]).toEqual([structure, resource, 'delete', 200]);
        const created = await api.post(`/api/${resource}`).send(body(structures[structure]));
        expect([structure, resource, 'create', created.status]).toEqual([structure, resource, 'create', 201]);
        targets[structure][resource] = created.body;
        const updated = await api.put(`/api/${resource}/${created.body.id}`).send({ ...created.body, ...change });
        expect([structure, resource, 'update', updated.status]).toEqual([structure, resource, 'update', 200]);
      }
    }
    const { rows } = await t.db.query(
      `SELECT DISTINCT actor FROM audit_event WHERE request_id IS NOT NULL AND actor LIKE 'user:%' ORDER BY 1`,
    );
    if (SCOPE[persona]!.length)
      expect(rows.map((r) => r.actor)).toContain(`user:${(await api.get('/api/auth/me')).body.subjectNameId}`);
  });
});

describe('scope edges', () => {
  it('refuses moving a structure or an offer out of scope, and answers /auth/can like the server acts', async () => {
    const editor = await t.as('hospital-editor');
    const offer = await current('healthcare-services', targets.fleyriat['healthcare-services']!.id);
    await editor
      .put(`/api/healthcare-services/${offer.id}`)
      .send({ ...offer, organizationId: structures.ehpad.eg })
      .expect(403);
    const oi = await current('organizations', targets.fleyriat.organizations!.id);
    await editor
      .put(`/api/organizations/${oi.id}`)
      .send({ ...oi, parentId: structures.ehpad.eg })
      .expect(403);
    const ask = async (query: Record<string, string>) =>
      (await editor.get('/api/auth/can').query(query).expect(200)).body.allowed;
    expect(await ask({ resource: 'healthcare-services', action: 'update', id: offer.id })).toBe(true);
    expect(
      await ask({ resource: 'healthcare-services', action: 'update', id: targets.ehpad['healthcare-services']!.id }),
    ).toBe(false);
    expect(await ask({ resource: 'capacities', action: 'create', parentId: structures.fleyriat.location })).toBe(true);
    expect(await ask({ resource: 'capacities', action: 'create', parentId: structures.ehpad.location })).toBe(false);
    expect(await ask({ resource: 'organizations', action: 'delete', id: structures.fleyriat.ej })).toBe(false);
    await editor.get('/api/auth/can').query({ resource: 'organizations', action: 'explode' }).expect(400);
  });

  it('lets only admins create practitioners, and a liberal edit their own record only', async () => {
    const practitioners = RESOURCES.find((r) => r.resource === 'practitioners')!;
    const own = (await t.db.query(`SELECT id FROM practitioner WHERE rpps_id = '899700487213'`)).rows[0].id;
    const liberal = await t.as('liberal');
    const before = await snapshot(t.db);
    await liberal.post('/api/practitioners').send(practitioners.body(structures.fleyriat)).expect(403);
    const other = await current('practitioners', structures.fleyriat.practitioner);
    await liberal
      .put(`/api/practitioners/${other.id}`)
      .send({ ...other, firstName: 'X' })
      .expect(403);
    for (const persona of ['hospital-editor', 'ars-reviewer', 'reader']) {
      const api = await t.as(persona);
      await api.post('/api/practitioners').send(practitioners.body(structures.fleyriat)).expect(403);
      await api
        .put(`/api/practitioners/${own}`)
        .send(await current('practitioners', own))
        .expect(403);
    }
    expect(await snapshot(t.db)).toEqual(before);
    const mine = await current('practitioners', own);
    await liberal
      .put(`/api/practitioners/${own}`)
      .send({ ...mine, mssMailbox: 'helene.vasseur@medecin.mssante.fr' })
      .expect(200);
    const created = await admin.post('/api/practitioners').send(practitioners.body(structures.fleyriat)).expect(201);
    await admin.delete(`/api/practitioners/${created.body.id}`).expect(200);
  });

  it('filters lists to "my structures"', async () => {
    const mine = async (persona: string, resource: string) => {
      const api = await t.as(persona);
      const res = await api
        .get(`/api/${resource}`)
        .query({ filter: JSON.stringify({ mine: true }), range: '[0,499]' })
        .expect(200);
      return res.body as { id: string; regionCode: string; organizationId?: string }[];
    };
    const editorOffers = await mine('hospital-editor', 'healthcare-services');
    expect(editorOffers.length).toBeGreaterThan(0);
    expect(editorOffers.every((o) => o.regionCode === '84')).toBe(true);
    expect(editorOffers.map((o) => o.id)).not.toContain(targets.ehpad['healthcare-services']!.id);
    const editorOrganizations = (await mine('hospital-editor', 'organizations')).map((o) => o.id);
    expect(editorOrganizations).toContain(structures.fleyriat.eg);
    expect(editorOrganizations).not.toContain(structures.fleyriat.ej); // editor of the EG, not of its EJ
    const liberal = (await mine('liberal', 'organizations')).map((o) => o.id);
    expect(liberal.sort()).toEqual(
      [structures.cabinet.eg, structures.cabinet.oiCardio, targets.cabinet.organizations!.id].sort(),
    );
    expect((await mine('ars-reviewer', 'locations')).every((l) => l.regionCode === '84')).toBe(true);
    expect(await mine('reader', 'organizations')).toEqual([]);
    const all = (await admin.get('/api/organizations').query({ range: '[0,499]' })).body.length;
    expect((await mine('admin', 'organizations')).length).toBe(all);
    await (
      await t.as('reader')
    )
      .get('/api/capacities')
      .query({ filter: JSON.stringify({ mine: true }) })
      .expect(400);
  });

  it('keeps admin screens to admins', async () => {
    for (const persona of ['hospital-editor', 'ars-reviewer', 'reader', 'card-only']) {
      const api = await t.as(persona);
      await api.get('/api/api-clients').expect(403);
      await api.post('/api/api-clients').send({ name: 'x', accessProfile: 1 }).expect(403);
    }
    await (await t.as('reader')).get('/api/users').expect(403);
    await admin.get('/api/users').expect(200);
  });
});

describe('API clients (X-API-Key)', () => {
  it('writes capacities of its declared structures only, and nothing else', async () => {
    const created = await admin
      .post('/api/api-clients')
      .send({
        name: 'Gestion des lits Fleyriat',
        accessProfile: 5,
        capacityWriteOrganizationIds: [structures.fleyriat.eg],
      })
      .expect(201);
    expect(created.body.key).toMatch(/^ror_[0-9a-f]{8}_/);
    const { rows } = await t.db.query(`SELECT key_hash FROM api_client WHERE id = $1`, [created.body.id]);
    expect(rows[0].key_hash).toHaveLength(64);
    expect(rows[0].key_hash).not.toContain(created.body.key);
    const machine = t.withKey(created.body.key);
    const capacities = RESOURCES.find((r) => r.resource === 'capacities')!;
    const tomorrow = { temporality: NOS('TRE_R331-TemporaliteCapacite', '03') };
    const written = await machine
      .post('/api/capacities')
      .send({ ...capacities.body(structures.fleyriat), ...tomorrow })
      .expect(201);
    const audit = await t.db.query(`SELECT actor FROM audit_event WHERE entity_id = $1`, [written.body.id]);
    expect(audit.rows).toEqual([{ actor: `api-client:${created.body.id}` }]);
    const before = await snapshot(t.db);
    await machine
      .post('/api/capacities')
      .send({ ...capacities.body(structures.ehpad), ...tomorrow })
      .expect(403);
    await machine.get('/api/organizations').expect(403);
    await machine.post('/api/organizations').send(RESOURCES[0]!.body(structures.fleyriat)).expect(403);
    await machine.get('/api/api-clients').expect(403);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('refuses a missing, wrong, revoked or rotated-out key with 401', async () => {
    const { body: client } = await admin
      .post('/api/api-clients')
      .send({ name: 'Consommateur', accessProfile: 1 })
      .expect(201);
    await t.withKey(client.key).get('/api/capacities').expect(200);
    await t.withKey(`${client.key}x`).get('/api/capacities').expect(401);
    await t.withKey('').get('/api/capacities').expect(401);
    const { body: rotated } = await admin.post(`/api/api-clients/${client.id}/rotate`).expect(200);
    expect(rotated.key).not.toBe(client.key);
    await t.withKey(client.key).get('/api/capacities').expect(401);
    await t.withKey(rotated.key).get('/api/capacities').expect(200);
    await admin.post(`/api/api-clients/${client.id}/revoke`).expect(200);
    await t.withKey(rotated.key).get('/api/capacities').expect(401);
    await admin.post(`/api/api-clients/${client.id}/rotate`).expect(400);
    const listed = await admin.get(`/api/api-clients/${client.id}`).expect(200);
    expect(listed.body).toMatchObject({ status: 'revoked', keyPrefix: rotated.key.slice(0, 12) });
    expect(JSON.stringify(listed.body)).not.toContain(rotated.key);
    expect(listed.body.keyHash).toBeUndefined();
  });

  it('refuses invalid clients with field messages', async () => {
    const res = await admin
      .post('/api/api-clients')
      .send({ name: '', accessProfile: 9, regionCodes: ['Auvergne'] })
      .expect(400);
    expect(Object.keys(res.body.errors).sort()).toEqual(['accessProfile', 'name', 'regionCodes.0']);
  });
});

describe('access requests and role assignments', () => {
  it('lets a card holder of the EG ask for editor rights, a referent grant them, and the rights apply at once', async () => {
    const cardOnly = await t.as('card-only');
    const offerTarget = await current('healthcare-services', targets.fleyriat['healthcare-services']!.id);
    await cardOnly.put(`/api/healthcare-services/${offerTarget.id}`).send(offerTarget).expect(403);
    // card-only has no exercices: nothing suggested, and a request is refused
    expect((await cardOnly.get('/api/auth/suggestions').expect(200)).body).toEqual([]);
    await cardOnly.post('/api/access-requests').send({ organizationId: structures.fleyriat.eg }).expect(400);

    const referent = await t.as('hospital-referent');
    const me = (await referent.get('/api/auth/me').expect(200)).body;
    expect(me.roles).toEqual([expect.objectContaining({ role: 'structure-referent' })]);

    const editor = await t.as('hospital-editor');
    // already editor of the EG: a second request is a conflict; the EJ is in their activities too
    await editor.post('/api/access-requests').send({ organizationId: structures.fleyriat.eg }).expect(409);
    const asked = await editor
      .post('/api/access-requests')
      .send({ organizationId: structures.fleyriat.ej, message: 'Gestion des lits' })
      .expect(201);
    expect(asked.body).toMatchObject({ status: 'pending', canDecide: false });
    await editor.post(`/api/access-requests/${asked.body.id}/decision`).send({ decision: 'grant' }).expect(403);
    await (
      await t.as('ms-editor')
    )
      .post(`/api/access-requests/${asked.body.id}/decision`)
      .send({ decision: 'grant' })
      .expect(403);
    // the referent can grant editor rights on the EG (below their EJ) but the request is on the EJ itself: allowed too
    const pending = (
      await referent
        .get('/api/access-requests')
        .query({ filter: JSON.stringify({ only: 'to-decide', status: 'pending' }) })
        .expect(200)
    ).body;
    expect(pending.map((r: { id: string }) => r.id)).toContain(asked.body.id);
    const decided = await referent
      .post(`/api/access-requests/${asked.body.id}/decision`)
      .send({ decision: 'grant', comment: 'OK' })
      .expect(200);
    expect(decided.body).toMatchObject({ status: 'granted', decidedBy: 'user:810000000102' });
    await referent.post(`/api/access-requests/${asked.body.id}/decision`).send({ decision: 'refuse' }).expect(403);
    const roles = (await editor.get('/api/auth/me').expect(200)).body.roles;
    expect(roles.map((r: { organizationId: string }) => r.organizationId).sort()).toEqual(
      [structures.fleyriat.ej, structures.fleyriat.eg].sort(),
    );
  });

  it('lets an ARS reviewer grant in their region only, and an admin revoke; revocation applies at once', async () => {
    const ars = await t.as('ars-reviewer');
    const msUser = (await t.db.query(`SELECT id FROM app_user WHERE subject_name_id = '810000000103'`)).rows[0].id;
    const before = await snapshot(t.db);
    await ars
      .post('/api/role-assignments')
      .send({ userId: msUser, role: 'structure-editor', organizationId: structures.ehpad.eg })
      .expect(403);
    await ars.post('/api/role-assignments').send({ userId: msUser, role: 'national-admin' }).expect(403);
    await (
      await t.as('hospital-referent')
    )
      .post('/api/role-assignments')
      .send({ userId: msUser, role: 'structure-referent', organizationId: structures.fleyriat.eg })
      .expect(403);
    expect(await snapshot(t.db)).toEqual(before);
    const granted = await ars
      .post('/api/role-assignments')
      .send({ userId: msUser, role: 'structure-editor', organizationId: structures.cabinet.eg })
      .expect(201);
    const ms = await t.as('ms-editor');
    const cabinetOffer = await current('healthcare-services', targets.cabinet['healthcare-services']!.id);
    await ms.put(`/api/healthcare-services/${cabinetOffer.id}`).send(cabinetOffer).expect(200);
    await admin.delete(`/api/role-assignments/${granted.body.id}`).expect(204);
    const again = await current('healthcare-services', cabinetOffer.id);
    await ms.put(`/api/healthcare-services/${again.id}`).send(again).expect(403);
    const user = (await admin.get(`/api/users/${msUser}`).expect(200)).body;
    expect(user.roles.find((r: { id: string }) => r.id === granted.body.id)).toMatchObject({
      active: false,
      revokedBy: 'user:810000000100',
    });
    await admin.post('/api/role-assignments').send({ userId: msUser, role: 'ars-reviewer' }).expect(400);
    await admin
      .post('/api/role-assignments')
      .send({ userId: msUser, role: 'structure-editor', organizationId: NOS('x', 'y').code })
      .expect(400);
  });
});
