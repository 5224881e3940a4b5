import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import request from 'supertest';
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

export type TestApp = {
  app: NestExpressApplication;
  /** Direct SQL on the test database, to check what was (not) written. */
  db: pg.Client;
  /** A supertest agent logged in as a development user (cookie kept). */
  as(user: string): Promise<request.Agent>;
  anonymous(): request.Agent;
  close(): Promise<void>;
};

/** The real application on its own copy of the seeded template database (or the one without demo data). */
export async function startTestApp(options: { adminDistDir?: string; withoutDemo?: boolean } = {}): Promise<TestApp> {
  const name = await createTestDatabase(options.withoutDemo ? REFERENCE_DATABASE : TEMPLATE_DATABASE);
  const url = databaseUrl(name);
  const config = parseConfig({
    ...process.env,
    LOG_LEVEL: 'silent',
    ADMIN_DIST_DIR: options.adminDistDir ?? 'no-admin',
  });
  const app = await createApp(config, url, createLogger('silent'));
  await app.init();
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const server = app.getHttpServer();
  return {
    app,
    db,
    async as(user) {
      const agent = request.agent(server);
      await agent.post('/api/auth/login').send({ username: user }).expect(204);
      return agent;
    },
    anonymous: () => request.agent(server),
    async close() {
      await db.end();
      await app.close();
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
  ];
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t] = Number((await db.query(`SELECT count(*) FROM ${t}`)).rows[0].count);
  return counts;
}
