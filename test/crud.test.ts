import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { demoIds, RESOURCES } from './support/fixtures.js';
import { snapshot, startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;

beforeAll(async () => {
  t = await startTestApp();
  ids = await demoIds(t.db);
});
afterAll(() => t.close());

describe.each(RESOURCES)('$resource', ({ resource, table, body, change }) => {
  it('creates, lists, reads, updates and deletes, each write audited in the database', async () => {
    const api = await t.as('admin');
    const created = await api.post(`/api/${resource}`).send(body(ids)).expect(201);
    const id = created.body.id as string;
    expect(created.body.version).toBe(1);

    const list = await api
      .get(`/api/${resource}`)
      .query({ filter: JSON.stringify({ id: [id] }) })
      .expect(200);
    expect(list.body.map((r: { id: string }) => r.id)).toEqual([id]);
    expect(list.headers['content-range']).toMatch(new RegExp(`^${resource} 0-0/1$`));

    await api.get(`/api/${resource}/${id}`).expect(200);
    const updated = await api
      .put(`/api/${resource}/${id}`)
      .send({ ...created.body, ...change })
      .expect(200);
    expect(updated.body).toMatchObject(change);
    expect(updated.body.version).toBe(2);

    await api.delete(`/api/${resource}/${id}`).expect(200);
    await api.get(`/api/${resource}/${id}`).expect(404);
    expect((await t.db.query(`SELECT count(*) FROM ${table} WHERE id = $1`, [id])).rows[0].count).toBe('0');

    const events = await t.db.query(
      `SELECT action, actor, request_id, before IS NOT NULL AS has_before, after IS NOT NULL AS has_after
       FROM audit_event WHERE entity_type = $1 AND entity_id = $2 ORDER BY id`,
      [resource, id],
    );
    expect(events.rows.map((e) => [e.action, e.actor, e.has_before, e.has_after])).toEqual([
      ['create', 'user:810000000100', false, true],
      ['update', 'user:810000000100', true, true],
      ['delete', 'user:810000000100', true, false],
    ]);
    expect(events.rows.every((e) => typeof e.request_id === 'string' && e.request_id.length > 0)).toBe(true);
  });

  it('answers 404 for an unknown or malformed id, and changes nothing', async () => {
    const api = await t.as('admin');
    const before = await snapshot(t.db);
    await api.get(`/api/${resource}/00000000-0000-4000-8000-000000000000`).expect(404);
    await api.get(`/api/${resource}/not-an-id`).expect(404);
    await api
      .put(`/api/${resource}/00000000-0000-4000-8000-000000000000`)
      .send({ ...body(ids), version: 1 })
      .expect(404);
    await api.delete(`/api/${resource}/not-an-id`).expect(404);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('refuses a body missing its required fields with field errors, and changes nothing', async () => {
    const api = await t.as('admin');
    const before = await snapshot(t.db);
    const res = await api.post(`/api/${resource}`).send({}).expect(400);
    expect(Object.keys(res.body.errors).length).toBeGreaterThan(0);
    expect(await snapshot(t.db)).toEqual(before);
  });
});

describe('lists', () => {
  it('paginates, sorts and filters in the ra-data-simple-rest dialect', async () => {
    const api = await t.as('reader');
    const page = await api
      .get('/api/organizations')
      .query({ sort: JSON.stringify(['name', 'DESC']), range: JSON.stringify([0, 1]) })
      .expect(200);
    expect(page.body).toHaveLength(2);
    const total = Number(page.headers['content-range'].split('/')[1]);
    expect(total).toBeGreaterThanOrEqual(8);
    expect(page.body[0].name >= page.body[1].name).toBe(true);

    const byFiness = await api.get('/api/organizations').query({ filter: JSON.stringify({ finess: '010000024' }) });
    expect(byFiness.body.map((o: { name: string }) => o.name)).toEqual([
      'CENTRE HOSPITALIER DE BOURG-EN-BRESSE FLEYRIAT',
    ]);
    const byText = await api.get('/api/healthcare-services').query({ filter: JSON.stringify({ q: 'GERIATRIQUE' }) });
    expect(byText.body.map((o: { name: string }) => o.name)).toEqual(['Court séjour gériatrique']);
    const byActivity = await api
      .get('/api/healthcare-services')
      .query({ filter: JSON.stringify({ activityCode: '050' }) });
    expect(byActivity.body).toHaveLength(2);
    const byRegion = await api.get('/api/healthcare-services').query({ filter: JSON.stringify({ regionCode: '03' }) });
    expect(byRegion.body.map((o: { name: string }) => o.name)).toEqual(['Hébergement permanent EHPAD']);
  });

  it('refuses malformed list parameters with a 400', async () => {
    const api = await t.as('reader');
    await api.get('/api/organizations').query({ range: '[5,1]' }).expect(400);
    await api.get('/api/organizations').query({ sort: '["nope","ASC"]' }).expect(400);
    await api.get('/api/organizations').query({ filter: '{not json' }).expect(400);
    await api.get('/api/organizations').query({ filter: '{"unknown":1}' }).expect(400);
    await api.get('/api/organizations').query({ range: '[0,100000]' }).expect(400);
  });
});

describe('structure tree and completeness', () => {
  it('shows EJ → EG → OI → offers → places with each offer’s completeness', async () => {
    const api = await t.as('reader');
    const tree = await api.get(`/api/organizations/${ids.oiCardio}/tree`).expect(200);
    expect(tree.body).toMatchObject({ kind: 'EJ', finess: '010780054' });
    const eg = tree.body.children[0];
    expect(eg).toMatchObject({ kind: 'EG', finess: '010000024' });
    const cardio = eg.children[0].children.find((c: { name: string }) => c.name === 'Service de cardiologie');
    const offers = Object.fromEntries(
      cardio.healthcareServices.map((o: { name: string; complete: boolean }) => [o.name, o]),
    );
    expect(offers['Cardiologie — hospitalisation complète']).toMatchObject({
      complete: true,
      locations: [{ id: ids.location }],
    });
    expect(offers['Consultations de cardiologie'].complete).toBe(false);

    const incomplete = await api
      .get('/api/healthcare-services')
      .query({ filter: JSON.stringify({ q: 'Consultations de cardio' }) });
    expect(incomplete.body[0].completeness.missing).toEqual([
      'Tranche d’âge (âge minimum et maximum)',
      'Un contact avec sa fonction, un canal de communication et un niveau de confidentialité',
    ]);
  });
});

describe('filters used by the admin app', () => {
  it('filters offers by completeness and places by offer, and sorts by id', async () => {
    const api = await t.as('reader');
    const names = async (filter: object) =>
      (
        await api
          .get('/api/healthcare-services')
          .query({ filter: JSON.stringify(filter) })
          .expect(200)
      ).body
        .map((o: { name: string }) => o.name)
        .sort();
    expect(await names({ complete: true })).toEqual([
      'Cardiologie — hospitalisation complète',
      'Court séjour gériatrique',
    ]);
    expect(await names({ complete: false })).toEqual([
      'Consultations de cardiologie',
      'Consultations de médecine générale',
      'Hébergement permanent EHPAD',
    ]);
    const places = await api
      .get('/api/locations')
      .query({ filter: JSON.stringify({ healthcareServiceId: ids.offer }) });
    expect(places.body.map((l: { id: string }) => l.id)).toEqual([ids.location]);
    await api.get('/api/capacities').query({ sort: '["id","DESC"]' }).expect(200);
  });
});
