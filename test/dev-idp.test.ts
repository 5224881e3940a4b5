import { readFileSync } from 'node:fs';
import express from 'express';
import * as client from 'openid-client';
import request from 'supertest';
import { startDevIdp, type DevIdp } from '../apps/dev-idp/src/dev-idp.js';
import { PERSONAS } from '../apps/dev-idp/src/personas.js';
import { CookieJar, followIdp, pscLogin } from './support/psc-login.js';

/** shared/auth/psc-claims-example.json, copied: the shape PSC's userinfo has. */
const EXAMPLE = JSON.parse(readFileSync('test/support/psc-claims-example.json', 'utf8'));
const CALLBACK = 'http://rp.test/api/auth/callback';
const AFTER_LOGOUT = 'http://rp.test/';
const JSON_CLIENT = { client_id: 'ror-back-office', client_secret: 'dev-secret' };
const JWT_CLIENT = { client_id: 'ror-jwt-userinfo', client_secret: 'jwt-secret' };

let idp: DevIdp;
let config: client.Configuration;
let jwtConfig: client.Configuration;

const discover = ({ client_id, client_secret }: { client_id: string; client_secret: string }) =>
  client.discovery(new URL(idp.discoveryUrl), client_id, client_secret, client.ClientSecretBasic(client_secret), {
    execute: [client.allowInsecureRequests],
  });

beforeAll(async () => {
  const registration = { redirect_uris: [CALLBACK], post_logout_redirect_uris: [AFTER_LOGOUT] };
  idp = await startDevIdp({
    port: 0,
    clients: [
      { ...JSON_CLIENT, ...registration },
      { ...JWT_CLIENT, ...registration, userinfo_signed_response_alg: 'RS256' },
    ],
  });
  config = await discover(JSON_CLIENT);
  jwtConfig = await discover(JWT_CLIENT);
});

afterAll(() => idp.close());
afterEach(() => idp.setAcr('eidas1'));

/** An authorization request as the API sends it; `pkce: false` leaves PKCE out. */
async function authorize(cfg: client.Configuration, params: Record<string, string> = {}, pkce = true) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(cfg, {
    redirect_uri: CALLBACK,
    scope: 'openid scope_all',
    acr_values: 'eidas1',
    state,
    nonce,
    ...(pkce && { code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' }),
    ...params,
  });
  return { url: url.href, verifier, state, nonce };
}

/** The whole login: authorize → IdP → callback → token. */
async function login(cfg: client.Configuration, params: Record<string, string>, options = {}) {
  const { url, verifier, state, nonce } = await authorize(cfg, params);
  const callback = await followIdp(url, options);
  return client.authorizationCodeGrant(cfg, callback, {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
  });
}

describe('dev Pro Santé Connect', () => {
  it("serves PSC's discovery document, with Keycloak's endpoint paths, at the wallet and the standard URL", async () => {
    const issuer = idp.issuer;
    expect(issuer).toMatch(/^http:\/\/localhost:\d+\/auth\/realms\/esante-wallet$/);
    expect(idp.discoveryUrl).toBe(`${issuer}/.well-known/wallet-openid-configuration`);
    const metadata = config.serverMetadata();
    expect(metadata).toMatchObject({
      issuer,
      authorization_endpoint: `${issuer}/protocol/openid-connect/auth`,
      token_endpoint: `${issuer}/protocol/openid-connect/token`,
      userinfo_endpoint: `${issuer}/protocol/openid-connect/userinfo`,
      jwks_uri: `${issuer}/protocol/openid-connect/certs`,
      end_session_endpoint: `${issuer}/protocol/openid-connect/logout`,
      introspection_endpoint: `${issuer}/protocol/openid-connect/token/introspect`,
      revocation_endpoint: `${issuer}/protocol/openid-connect/revoke`,
      scopes_supported: ['openid', 'scope_all'],
      acr_values_supported: ['eidas1'],
      code_challenge_methods_supported: ['S256'],
    });
    const standard = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
    expect(standard).toEqual(metadata);
  });

  it('signs a persona in from login_hint: eidas1, an opaque sub, PSC claims only in userinfo, in PSC shape', async () => {
    const tokens = await login(config, { login_hint: 'liberal' });
    const claims = tokens.claims()!;
    expect(claims.acr).toBe('eidas1');
    expect(claims.sub).toBe(EXAMPLE.sub);
    expect(claims.sub).not.toBe(EXAMPLE.SubjectNameID);
    expect(claims).not.toHaveProperty('SubjectNameID');
    expect(claims).not.toHaveProperty('SubjectRefPro');
    expect(claims.exp - claims.iat).toBe(300);
    expect(tokens.expires_in).toBe(120);
    expect(tokens.scope).toBe('openid scope_all');

    const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    expect(userinfo).toEqual(EXAMPLE);
  });

  it('sends userinfo as a signed JWT to a client registered for it', async () => {
    const tokens = await login(jwtConfig, { login_hint: 'liberal' });
    const raw = await fetch(jwtConfig.serverMetadata().userinfo_endpoint!, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(raw.headers.get('content-type')).toMatch(/^application\/jwt/);
    expect((await raw.text()).split('.')).toHaveLength(3);

    const userinfo = await client.fetchUserInfo(jwtConfig, tokens.access_token, tokens.claims()!.sub);
    expect(userinfo).toMatchObject(EXAMPLE);
  });

  it('refuses an authorization request without PKCE', async () => {
    const { url } = await authorize(config, { login_hint: 'liberal' }, false);
    const callback = await followIdp(url);
    expect(callback.searchParams.get('error')).toBe('invalid_request');
    expect(callback.searchParams.get('error_description')).toMatch(/PKCE/);
    expect(callback.searchParams.has('code')).toBe(false);
  });

  it('emits the acr set by setAcr, even for a browser still signed in at the IdP', async () => {
    const jar = new CookieJar();
    expect((await login(config, { login_hint: 'hospital-editor' }, { jar })).claims()!.acr).toBe('eidas1');
    idp.setAcr('eidas2');
    const tokens = await login(config, { login_hint: 'hospital-editor' }, { jar });
    expect(tokens.claims()!.acr).toBe('eidas2');
  });

  it('keeps the IdP session (single sign-on), unless login_hint names another persona or an unknown one', async () => {
    const jar = new CookieJar();
    const first = await login(config, { login_hint: 'liberal' }, { jar });
    const again = await login(config, {}, { jar }); // no hint, no page: the IdP session signs in silently
    expect(again.claims()!.sub).toBe(first.claims()!.sub);
    const admin = await login(config, { login_hint: 'admin' }, { jar });
    const userinfo = await client.fetchUserInfo(config, admin.access_token, admin.claims()!.sub);
    expect(userinfo.SubjectNameID).toBe('810000000100');
    const { url } = await authorize(config, { login_hint: 'nobody' });
    await expect(followIdp(url, { jar })).rejects.toThrow(/page to answer/);
  });

  it('ends the IdP session at the end-session endpoint and goes back to the registered page', async () => {
    const jar = new CookieJar();
    const tokens = await login(config, { login_hint: 'reader' }, { jar });
    const logout = client.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: AFTER_LOGOUT,
      state: 'after-logout',
    });
    const back = await followIdp(logout.href, { jar });
    expect(back.href).toBe(`${AFTER_LOGOUT}?state=after-logout`);

    // Signed out at the IdP: without a hint the persona page shows again.
    const { url } = await authorize(config);
    await expect(followIdp(url, { jar })).rejects.toThrow(/page to answer/);
  });

  it('shows the persona page without login_hint or with an unknown one, and signs in the persona picked', async () => {
    for (const params of [{}, { login_hint: 'nobody' }] as Record<string, string>[]) {
      const { url } = await authorize(config, params);
      let response = await fetch(url, { redirect: 'manual' });
      const jar = new CookieJar();
      jar.store(response);
      const interaction = new URL(response.headers.get('location')!, url);
      response = await fetch(interaction, { headers: { cookie: jar.header(interaction) } });
      const html = await response.text();
      expect(response.status).toBe(200);
      expect(html).toContain('<html lang="fr">');
      expect(html.match(/name="persona"/g)).toHaveLength(8);
      for (const p of PERSONAS) expect(html).toContain(`value="${p.id}"`);
    }
    const tokens = await login(config, {}, { persona: 'ms-editor' });
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
    expect(userinfo.SubjectNameID).toBe('810000000103');
  });

  it('introspects its access tokens for the client', async () => {
    const tokens = await login(config, { login_hint: 'admin' });
    const introspection = await client.tokenIntrospection(config, tokens.access_token);
    expect(introspection).toMatchObject({
      active: true,
      client_id: JSON_CLIENT.client_id,
      sub: tokens.claims()!.sub,
      scope: 'openid scope_all',
    });
  });
});

describe('personas', () => {
  const keys = (o: object) => Object.keys(o).sort();
  const [exampleExercice] = EXAMPLE.SubjectRefPro.exercices;

  it('have the fixed ids and SubjectNameIDs the API seeds roles by', () => {
    expect(Object.fromEntries(PERSONAS.map((p) => [p.id, p.userinfo.SubjectNameID]))).toEqual({
      'hospital-editor': '810000000101',
      'hospital-referent': '810000000102',
      'ms-editor': '810000000103',
      liberal: '899700487213',
      'ars-reviewer': '513002975400019/ARS84001',
      admin: '810000000100',
      reader: '810000000104',
      'card-only': '3010000024/CPE0001',
    });
  });

  it("carry every claim of PSC's userinfo, every activity field as a string, and a sub that is not the id", () => {
    for (const { userinfo } of PERSONAS) {
      expect(keys(userinfo)).toEqual(keys(EXAMPLE));
      expect(userinfo.sub).toBe(`f:7d3f0a52-6c1e-4b8a-9e21-3f5c2d8a1b47:${userinfo.SubjectNameID}`);
      for (const exercice of userinfo.SubjectRefPro.exercices) {
        expect(keys(exercice)).toEqual(keys(exampleExercice));
        for (const activity of exercice.activities) {
          expect(keys(activity)).toEqual(keys(exampleExercice.activities[0]));
          expect(Object.values(activity).every((v) => typeof v === 'string')).toBe(true);
        }
      }
    }
    expect(keys(exampleExercice.activities[0])).toHaveLength(30);
  });

  it('place the structure personas at the demo FINESS sites', () => {
    const site = (id: string) =>
      PERSONAS.find((p) => p.id === id)!.userinfo.SubjectRefPro.exercices[0].activities.map((a) => [
        a.codeModeExercice,
        a.numeroFinessSite,
        a.numeroFinessetablissementJuridique,
      ]);
    expect(site('hospital-editor')).toEqual([['S', '010000024', '010780054']]);
    expect(site('hospital-referent')).toEqual([['S', '010000024', '010780054']]);
    expect(site('ms-editor')).toEqual([['S', '970302287', '970302022']]);
    expect(site('admin')).toEqual([]);
  });
});

describe('pscLogin (test helper)', () => {
  /** A minimal relying party, standing in for the API: what the helper is for. */
  function relyingParty() {
    const pending = new Map<string, { verifier: string; state: string; nonce: string }>();
    const sessions = new Map<string, string>();
    const app = express();
    app.get('/api/auth/login', async (req, res) => {
      const { url, ...checks } = await authorize(config, { login_hint: String(req.query.login_hint) });
      pending.set(checks.state, checks);
      res.cookie('rp_login', checks.state).redirect(url);
    });
    app.get('/api/auth/callback', async (req, res) => {
      const state = /rp_login=([^;]+)/.exec(req.headers.cookie ?? '')?.[1] ?? '';
      const checks = pending.get(state)!;
      const tokens = await client.authorizationCodeGrant(config, new URL(req.originalUrl, CALLBACK), {
        pkceCodeVerifier: checks.verifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
      });
      const userinfo = await client.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
      const sid = client.randomState();
      sessions.set(sid, userinfo.SubjectNameID as string);
      res.cookie('rp_session', sid).redirect('/');
    });
    app.get('/api/me', (req, res) => {
      const sid = /rp_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1] ?? '';
      if (sessions.has(sid)) res.json({ subjectNameId: sessions.get(sid) });
      else res.status(401).end();
    });
    return app;
  }

  it("leaves the API's agent holding the session of the persona named by login_hint", async () => {
    const app = relyingParty();
    const agent = await pscLogin(request.agent(app), '/api/auth/login?login_hint=ars-reviewer');
    const me = await agent.get('/api/me').expect(200);
    expect(me.body).toEqual({ subjectNameId: '513002975400019/ARS84001' });
    await request(app).get('/api/me').expect(401);
  });

  it('fails loudly when the start path does not redirect to the IdP', async () => {
    await expect(pscLogin(request.agent(relyingParty()), '/api/me')).rejects.toThrow(/instead of a redirect/);
  });
});
