import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('audit log', () => {
  it('is refused UPDATE, DELETE and TRUNCATE by the database itself', async () => {
    const { rows } = await t.db.query(`SELECT count(*)::int AS n, max(id) AS id FROM audit_event`);
    expect(rows[0].n).toBeGreaterThan(0);
    await expect(
      t.db.query(`UPDATE audit_event SET actor = 'someone-else' WHERE id = $1`, [rows[0].id]),
    ).rejects.toThrow(/cannot be modified/);
    await expect(t.db.query(`DELETE FROM audit_event WHERE id = $1`, [rows[0].id])).rejects.toThrow(
      /cannot be modified/,
    );
    await expect(t.db.query(`TRUNCATE audit_event`)).rejects.toThrow(/cannot be modified/);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_event`)).rows[0].n).toBe(rows[0].n);
  });

  it('records the request id of the write, and lists the history of a record', async () => {
    const api = await t.as('admin');
    const created = await api
      .post('/api/practitioners')
      .set('X-Request-Id', 'req-audit-42')
      .send({ rppsId: '810000000048', lastName: 'AUDIT' })
      .expect(201);
    expect(created.headers['x-request-id']).toBe('req-audit-42');
    const history = await api
      .get('/api/audit-events')
      .query({ filter: JSON.stringify({ entityType: 'practitioners', entityId: created.body.id }) })
      .expect(200);
    expect(history.body).toEqual([
      expect.objectContaining({
        action: 'create',
        actor: 'user:810000000100',
        requestId: 'req-audit-42',
        before: null,
      }),
    ]);
    expect(history.body[0].after).toMatchObject({ lastName: 'AUDIT' });
    await api.post('/api/audit-events').send({}).expect(404);
  });

  it('keeps the time series of every capacity figure', async () => {
    const api = await t.as('admin');
    const [capacity] = (
      await api.get('/api/capacities').query({ filter: JSON.stringify({ statusCode: '01' }), range: '[0,0]' })
    ).body;
    await api
      .put(`/api/capacities/${capacity.id}`)
      .send({ ...capacity, count: capacity.count + 1 })
      .expect(200);
    const history = await t.db.query(`SELECT count FROM capacity_history WHERE capacity_id = $1 ORDER BY id`, [
      capacity.id,
    ]);
    expect(history.rows.map((r) => r.count)).toEqual([capacity.count, capacity.count + 1]);
  });
});
