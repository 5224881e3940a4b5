import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import net from 'node:net';
import pg from 'pg';
import request from 'supertest';
import { type DevIdp, startDevIdp } from '../../apps/dev-idp/src/dev-idp.js';
import { createApp } from '../../apps/api/src/bootstrap.js';
import { createLogger } from '../../apps/api/src/common/logging.js';
import { parseConfig } from '../../apps/api/src/config.js';
import {
  createTestDatabase,
  databaseUrl,
  dropTestDatabase,
  REFERENCE_DATABASE,
  TEMPLATE_DATABASE,
} from './database.js';
import { type CookieJar, pscLogin } from './psc-login.js';

export const PSC_CLIENT = { id: 'ror-back-office', secret: 'test-secret' };
/** A second registration receiving userinfo as a signed JWT (a PSC option, reference/psc-oidc.md §1.2). */
export const PSC_JWT_CLIENT = { id: 'ror-back-office-jwt', secret: 'test-secret-jwt' };

export type TestApp = {
  app: NestExpressApplication;
  /** Where the app listens (its PUBLIC_URL): browsers and agents call it there. */
  url: string;
  idp: DevIdp;
  /** Direct SQL on the test database, to check what was (not) written. */
  db: pg.Client;
  /** A supertest agent logged in through the local PSC as that persona (apps/dev-idp), session cookie kept. */
  as(persona: string, options?: { jar?: CookieJar }): Promise<request.Agent>;
  /** An agent without session; writes carry this app's Origin like a browser's would. */
  anonymous(): request.Agent;
  /** An agent calling with an API key. */
  withKey(key: string): request.Agent;
  close(): Promise<void>;
};

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/**
 * The real application on its own copy of the seeded template database (or of the one without demo data),
 * listening on a real port, with its own local Pro Santé Connect (apps/dev-idp) whose client registration
 * points back at it.
 */
export async function startTestApp(
  options: { adminDistDir?: string; env?: Record<string, string>; jwtUserinfo?: boolean; withoutDemo?: boolean } = {},
): Promise<TestApp> {
  const name = await createTestDatabase(options.withoutDemo ? REFERENCE_DATABASE : TEMPLATE_DATABASE);
  const url = databaseUrl(name);
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const registration = (client: typeof PSC_CLIENT) => ({
    client_id: client.id,
    client_secret: client.secret,
    redirect_uris: [`${publicUrl}/api/auth/callback`],
    post_logout_redirect_uris: [`${publicUrl}/`],
  });
  const idp = await startDevIdp({
    port: 0,
    host: '127.0.0.1',
    clients: [registration(PSC_CLIENT), { ...registration(PSC_JWT_CLIENT), userinfo_signed_response_alg: 'RS256' }],
  });
  const client = options.jwtUserinfo ? PSC_JWT_CLIENT : PSC_CLIENT;
  const config = parseConfig({
    ...process.env,
    LOG_LEVEL: 'silent',
    ADMIN_DIST_DIR: options.adminDistDir ?? 'no-admin',
    PUBLIC_URL: publicUrl,
    PSC_DISCOVERY_URL: idp.discoveryUrl,
    PSC_CLIENT_ID: client.id,
    PSC_CLIENT_SECRET: client.secret,
    DEV_IDP: 'false',
    // The admin persona is a national admin by configuration too (the bootstrap path): databases without demo
    // data have no role assignment.
    NATIONAL_ADMIN_IDS: '810000000100',
    ...options.env,
  });
  const app = await createApp(config, url, createLogger('silent'));
  await app.listen(port, '127.0.0.1');
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const agent = () => request.agent(publicUrl).set('Origin', publicUrl);
  return {
    app,
    url: publicUrl,
    idp,
    db,
    as: (persona, loginOptions = {}) => pscLogin(agent(), `/api/auth/login?login_hint=${persona}`, loginOptions),
    anonymous: agent,
    withKey: (key) => request.agent(publicUrl).set('X-API-Key', key),
    async close() {
      await db.end();
      await app.close();
      await idp.close();
      await dropTestDatabase(name);
    },
  };
}

/** Row counts of the tables a refused write must leave alone. */
export async function snapshot(db: pg.Client): Promise<Record<string, number>> {
  const tables = [
    'organization',
    'healthcare_service',
    'location',
    'equipment',
    'capacity',
    'capacity_history',
    'contact',
    'telecom',
    'practitioner',
    'practitioner_role',
    'audit_event',
    'role_assignment',
    'access_request',
    'api_client',
  ];
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t] = Number((await db.query(`SELECT count(*) FROM ${t}`)).rows[0].count);
  return counts;
}
