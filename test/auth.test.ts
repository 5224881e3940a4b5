import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RESOURCES } from './support/fixtures.js';
import { snapshot, startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const ALL = [...RESOURCES.map((r) => r.resource), 'audit-events', 'nomenclatures/codes'];

describe('development login behind one global guard', () => {
  it('denies every resource without a login (401), health and docs aside', async () => {
    const anonymous = t.anonymous();
    for (const resource of ALL) {
      expect([resource, (await anonymous.get(`/api/${resource}`)).status]).toEqual([resource, 401]);
    }
    for (const { resource } of RESOURCES) {
      expect([resource, (await anonymous.post(`/api/${resource}`).send({})).status]).toEqual([resource, 401]);
    }
    await anonymous.get('/api/auth/me').expect(401);
    await anonymous.get('/api/health').expect(200, { status: 'ok', database: 'ok' });
    const docs = await anonymous.get('/api/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toContain('/api/healthcare-services/{id}');
  });

  it('refuses a forged or unknown session and an unknown user', async () => {
    await t.anonymous().get('/api/organizations').set('Cookie', 'ror_session=admin.99999999999999.forged').expect(401);
    await t.anonymous().post('/api/auth/login').send({ username: 'intrus' }).expect(400);
  });

  it('lets a reader read but not write, and changes nothing', async () => {
    const reader = await t.as('lecteur');
    await reader.get('/api/organizations').expect(200);
    const before = await snapshot(t.db);
    const [organization] = (await reader.get('/api/organizations').query({ range: '[0,0]' })).body;
    await reader.put(`/api/organizations/${organization.id}`).send(organization).expect(403);
    await reader.delete(`/api/organizations/${organization.id}`).expect(403);
    await reader.post('/api/practitioners').send({ rppsId: '810000000055', lastName: 'X' }).expect(403);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('tells who is logged in, and logs out', async () => {
    const api = await t.as('relecteur');
    const me = await api.get('/api/auth/me').expect(200);
    expect(me.body).toMatchObject({ id: 'relecteur', roles: expect.arrayContaining(['ars-reviewer']) });
    await api.post('/api/auth/logout').expect(204);
    await api.get('/api/auth/me').expect(401);
  });
});
