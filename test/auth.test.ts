import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { RESOURCES } from './support/fixtures.js';
import { followIdp, pscLogin } from './support/psc-login.js';
import { snapshot, startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const ALL = [...RESOURCES.map((r) => r.resource), 'audit-events', 'nomenclatures/codes', 'users', 'api-clients'];

const sessionCookie = (agent: request.Agent, url: string) =>
  // superagent's cookie jar: the value the browser would send back
  (
    agent as unknown as { jar: { getCookie(name: string, access: object): { value: string } | undefined } }
  ).jar.getCookie('ror_sid', { domain: new URL(url).hostname, path: '/api', secure: false, script: false })?.value;

/** Starts a login and returns the IdP URL the API redirects to. */
async function startLogin(agent: request.Agent, query = 'login_hint=hospital-editor'): Promise<URL> {
  const start = await agent.get(`/api/auth/login?${query}`).expect(302);
  return new URL(start.headers.location as string);
}

describe('one global guard, deny by default', () => {
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

  it('refuses a forged session cookie', async () => {
    await t.anonymous().get('/api/organizations').set('Cookie', 'ror_sid=s%3Aforged.signature').expect(401);
  });
});

describe('Pro Santé Connect login (authorization code + PKCE + state + nonce, acr eidas1)', () => {
  it('sends PSC what it expects', async () => {
    const idp = await startLogin(t.anonymous());
    expect(idp.href.startsWith(`${t.idp.issuer}/protocol/openid-connect/auth`)).toBe(true);
    const p = idp.searchParams;
    expect(p.get('scope')).toBe('openid scope_all');
    expect(p.get('acr_values')).toBe('eidas1');
    expect(p.get('code_challenge_method')).toBe('S256');
    expect(p.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(p.get('state')).toBeTruthy();
    expect(p.get('nonce')).toBeTruthy();
    expect(p.get('login_hint')).toBe('hospital-editor');
    expect(p.get('redirect_uri')).toBe(`${t.url}/api/auth/callback`);
  });

  it('logs the liberal persona in, keyed on SubjectNameID (never sub), with the claims snapshot', async () => {
    const api = await t.as('liberal');
    const me = await api.get('/api/auth/me').expect(200);
    expect(me.body).toMatchObject({ subjectNameId: '899700487213', fullName: 'HELENE VASSEUR', isAdmin: false });
    expect(me.body.practitionerId).toEqual(expect.any(String));
    expect(me.body.affiliations).toEqual(
      expect.arrayContaining([expect.objectContaining({ mode: 'L', name: 'CABINET DR HELENE VASSEUR' })]),
    );
    const { rows } = await t.db.query(
      `SELECT subject_name_id, psc_sub, last_acr, psc_claims->'SubjectRefPro'->'exercices'->0->>'codeProfession' AS profession
         FROM app_user WHERE subject_name_id = '899700487213'`,
    );
    expect(rows).toEqual([
      { subject_name_id: '899700487213', psc_sub: expect.stringMatching(/^f:/), last_acr: 'eidas1', profession: '10' },
    ]);
    expect(rows[0].psc_sub).not.toBe(rows[0].subject_name_id);
  });

  it('gives a new session id at login (no fixation) and lands on the requested page of the app only', async () => {
    const agent = t.anonymous();
    const idp = await startLogin(agent, 'login_hint=reader&returnTo=%2F%23%2Forganizations');
    const before = sessionCookie(agent, t.url);
    expect(before).toBeTruthy(); // the pre-login session holding state, nonce and PKCE verifier
    const callback = await followIdp(idp.href);
    const landed = await agent.get(`${callback.pathname}${callback.search}`).expect(302);
    expect(landed.headers.location).toBe('/#/organizations');
    const after = sessionCookie(agent, t.url);
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
    await agent.get('/api/auth/me').expect(200);

    const evil = t.anonymous();
    const evilIdp = await startLogin(evil, 'login_hint=reader&returnTo=%2F%2Fevil.example');
    const evilCallback = await followIdp(evilIdp.href);
    expect((await evil.get(`${evilCallback.pathname}${evilCallback.search}`).expect(302)).headers.location).toBe('/');
  });

  it('refuses an acr other than eidas1', async () => {
    t.idp.setAcr('eidas2');
    try {
      const agent = t.anonymous();
      const callback = await followIdp((await startLogin(agent)).href);
      const landed = await agent.get(`${callback.pathname}${callback.search}`).expect(302);
      expect(landed.headers.location).toBe('/#/login?error=acr');
      await agent.get('/api/auth/me').expect(401);
    } finally {
      t.idp.setAcr('eidas1');
    }
  });

  it('refuses a tampered state, and a callback replayed without the login session', async () => {
    const agent = t.anonymous();
    const idp = await startLogin(agent);
    idp.searchParams.set('state', 'tampered-state');
    const callback = await followIdp(idp.href);
    expect(callback.searchParams.get('state')).toBe('tampered-state');
    const landed = await agent.get(`${callback.pathname}${callback.search}`).expect(302);
    expect(landed.headers.location).toBe('/#/login?error=state');
    await agent.get('/api/auth/me').expect(401);

    const honest = t.anonymous();
    const good = await followIdp((await startLogin(honest)).href);
    const stranger = t.anonymous();
    expect((await stranger.get(`${good.pathname}${good.search}`).expect(302)).headers.location).toBe(
      '/#/login?error=state',
    );
    await stranger.get('/api/auth/me').expect(401);
  });

  it('logs out: the session ends here and the browser is sent to PSC end-session with id_token_hint', async () => {
    const api = await t.as('ars-reviewer');
    const cookie = sessionCookie(api, t.url);
    await api.get('/api/auth/me').expect(200);
    const out = await api.post('/api/auth/logout').expect(200);
    const endSession = new URL(out.body.endSessionUrl);
    expect(endSession.href.startsWith(`${t.idp.issuer}/protocol/openid-connect/logout`)).toBe(true);
    expect(endSession.searchParams.get('id_token_hint')).toBeTruthy();
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${t.url}/`);
    await api.get('/api/auth/me').expect(401);
    // The old cookie is worthless: the session is gone from the store.
    await t.anonymous().get('/api/auth/me').set('Cookie', `ror_sid=${cookie}`).expect(401);
    expect(
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM user_session WHERE sess->>'userId' IS NOT NULL AND sess::text LIKE '%ARS84001%'`,
        )
      ).rows[0].n,
    ).toBe(0);
  });

  it('expires sessions: idle after 30 minutes, and 10 hours after login whatever the activity', async () => {
    const idle = await t.as('reader');
    await idle.get('/api/auth/me').expect(200);
    const idleSid = decodeURIComponent(sessionCookie(idle, t.url)!).slice(2).split('.')[0];
    await t.db.query(`UPDATE user_session SET expire = now() - interval '1 minute' WHERE sid = $1`, [idleSid]);
    await idle.get('/api/auth/me').expect(401);

    const old = await t.as('reader');
    const oldSid = decodeURIComponent(sessionCookie(old, t.url)!).slice(2).split('.')[0];
    await t.db.query(
      `UPDATE user_session SET sess = jsonb_set(sess::jsonb, '{loginAt}', to_jsonb($2::bigint))::json WHERE sid = $1`,
      [oldSid, Date.now() - 10 * 3_600_000 - 1000],
    );
    await old.get('/api/auth/me').expect(401);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM user_session WHERE sid = $1`, [oldSid])).rows[0].n).toBe(
      0,
    );
  });

  it('refuses cookie-authenticated writes from another origin (CSRF), changing nothing', async () => {
    const api = await t.as('admin');
    const before = await snapshot(t.db);
    const [organization] = (await api.get('/api/organizations').query({ range: '[0,0]' })).body;
    await api
      .put(`/api/organizations/${organization.id}`)
      .set('Origin', 'http://evil.example')
      .send(organization)
      .expect(403);
    const noOrigin = await pscLogin(request.agent(t.url), '/api/auth/login?login_hint=admin');
    await noOrigin.put(`/api/organizations/${organization.id}`).send(organization).expect(403);
    expect(await snapshot(t.db)).toEqual(before);
  });
});

describe('JWT userinfo', () => {
  let jwt: TestApp;
  beforeAll(async () => {
    jwt = await startTestApp({ jwtUserinfo: true });
  });
  afterAll(() => jwt.close());

  it('logs in a client registered for signed userinfo, and nothing crashes', async () => {
    const api = await jwt.as('hospital-editor');
    const me = await api.get('/api/auth/me').expect(200);
    expect(me.body).toMatchObject({ subjectNameId: '810000000101' });
    expect(me.body.roles).toEqual([
      expect.objectContaining({ role: 'structure-editor', organizationName: 'Hôpital Fleyriat' }),
    ]);
    await jwt.anonymous().get('/api/health').expect(200);
  });
});
