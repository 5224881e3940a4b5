import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fhirClients } from './support/fhir.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Short limits so that they can be watched: keys cached 1 s, FHIR statements stopped after 3 s.
let t: TestApp;
let client: Awaited<ReturnType<typeof fhirClients>>;
let offerId: string;

beforeAll(async () => {
  t = await startTestApp({ env: { API_KEY_CACHE_SECONDS: '1', FHIR_STATEMENT_TIMEOUT_SECONDS: '3' } });
  client = await fhirClients(t, ['1']);
  offerId = (await t.db.query('SELECT id FROM healthcare_service ORDER BY id LIMIT 1')).rows[0].id;
});
afterAll(() => t.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `work` while the test's own session holds an exclusive lock on the offers, so that any FHIR statement
 * reading them waits (as a slow query would).
 */
async function withOffersLocked(work: () => Promise<void>): Promise<void> {
  await t.db.query('BEGIN');
  try {
    await t.db.query('LOCK TABLE healthcare_service IN ACCESS EXCLUSIVE MODE');
    await work();
  } finally {
    await t.db.query('ROLLBACK');
  }
}

/** FHIR statements running (or waiting) in PostgreSQL, read afresh (statistics are otherwise frozen per transaction). */
const runningFhirStatements = async (): Promise<number> => {
  await t.db.query('SELECT pg_stat_clear_snapshot()');
  return Number(
    (
      await t.db.query(
        `SELECT count(*) AS n FROM pg_stat_activity
          WHERE application_name = 'ror-fhir' AND state = 'active' AND datname = current_database()`,
      )
    ).rows[0].n,
  );
};

describe('API key cache', () => {
  it('drops a key at once when its client is revoked or rotated in this process', async () => {
    const admin = await t.as('admin');
    const { body: created } = await admin
      .post('/api/api-clients')
      .send({ name: 'Cache', accessProfile: 1 })
      .expect(201);
    await t.withKey(created.key).get('/fhir/metadata').expect(200);
    await t.withKey(created.key).get('/fhir/metadata').expect(200);
    const { body: rotated } = await admin.post(`/api/api-clients/${created.id}/rotate`).expect(200);
    await t.withKey(created.key).get('/fhir/metadata').expect(401);
    await t.withKey(rotated.key).get('/fhir/metadata').expect(200);
    await admin.post(`/api/api-clients/${created.id}/revoke`).expect(200);
    const refused = await t.withKey(rotated.key).get('/fhir/metadata').expect(401);
    expect(refused.body.resourceType).toBe('OperationOutcome');
  });

  it('sees a revocation made elsewhere (another instance, the operator command) within API_KEY_CACHE_SECONDS', async () => {
    const admin = await t.as('admin');
    const { body: created } = await admin
      .post('/api/api-clients')
      .send({ name: 'Ailleurs', accessProfile: 1 })
      .expect(201);
    await t.withKey(created.key).get('/fhir/metadata').expect(200);
    // Revoked behind this process's back: the cached key still works until it expires, not after.
    await t.db.query(`UPDATE api_client SET status = 'revoked', revoked_at = now() WHERE id = $1`, [created.id]);
    await t.withKey(created.key).get('/fhir/metadata').expect(200);
    await sleep(1100);
    await t.withKey(created.key).get('/fhir/metadata').expect(401);
  });
});

describe('FHIR statement limits', () => {
  it('stops a statement after FHIR_STATEMENT_TIMEOUT_SECONDS with an OperationOutcome, not a 500', async () => {
    await withOffersLocked(async () => {
      const started = Date.now();
      const res = await client('1').get(`/fhir/HealthcareService/${offerId}`);
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
      expect(res.body).toMatchObject({
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: 'timeout' }],
      });
      expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
      expect(await runningFhirStatements()).toBe(0);
    });
    await client('1').get(`/fhir/HealthcareService/${offerId}`).expect(200);
  });

  it('cancels the running statement as soon as the client closes the connection', async () => {
    await withOffersLocked(async () => {
      const abandoned = client('1')
        .get(`/fhir/HealthcareService?_id=${offerId}`)
        .timeout(500)
        .then(
          () => 'answered',
          (error: { timeout?: number }) => (error.timeout ? 'client gave up' : 'failed'),
        );
      // The search is waiting on the lock …
      await sleep(300);
      expect(await runningFhirStatements()).toBeGreaterThan(0);
      expect(await abandoned).toBe('client gave up');
      // … and is cancelled right after the client leaves, long before the 3 s statement timeout.
      let running = 1;
      for (let i = 0; i < 20 && running > 0; i++) {
        await sleep(50);
        running = await runningFhirStatements();
      }
      expect(running).toBe(0);
    });
  });
});
