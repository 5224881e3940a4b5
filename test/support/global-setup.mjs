// Jest loads global setup outside its ESM test runtime, so this file uses the compiled API (`npm run build`
// runs before the tests) rather than the TypeScript sources the tests themselves import.
import 'reflect-metadata';
import { rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createApp, loadData, migrate } from '../../dist/apps/api/src/bootstrap.js';
import { createLogger } from '../../dist/apps/api/src/common/logging.js';
import { parseConfig } from '../../dist/apps/api/src/config.js';
import { ensureDatabase, startEmbeddedPostgres } from '../../dist/apps/api/src/database/embedded-postgres.js';

const TEMPLATE_DATABASE = 'ror_test_template';
const REFERENCE_DATABASE = 'ror_test_reference';

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/**
 * Starts the real PostgreSQL once (embedded, unless TEST_DATABASE_ADMIN_URL names an external server) and
 * builds two template databases: one migrated with the reference data only, and one with the demo data too.
 * Each test file clones one of them.
 */
export default async function globalSetup() {
  if (!process.env.TEST_DATABASE_ADMIN_URL) {
    const dir = path.join(os.tmpdir(), `ror-test-pg-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
    const embedded = await startEmbeddedPostgres({ dir, port: await freePort(), database: 'postgres' });
    process.env.TEST_DATABASE_ADMIN_URL = embedded.url;
    globalThis.__stopPostgres = async () => {
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  await admin.query(`DROP DATABASE IF EXISTS ${REFERENCE_DATABASE} WITH (FORCE)`);
  await ensureDatabase(process.env.TEST_DATABASE_ADMIN_URL, REFERENCE_DATABASE);
  const config = parseConfig({ ...process.env, LOG_LEVEL: 'silent' });
  const load = async (name, seedDemo) => {
    const url = new URL(process.env.TEST_DATABASE_ADMIN_URL);
    url.pathname = `/${name}`;
    await migrate(url.toString());
    const app = await createApp(config, url.toString(), createLogger('silent'));
    await app.init();
    await loadData(app, config.dataDir, seedDemo);
    await app.close();
  };
  // Reference data only (imports start from no structure), then the demo template built on it.
  await load(REFERENCE_DATABASE, false);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE} TEMPLATE ${REFERENCE_DATABASE}`);
  await admin.end();
  await load(TEMPLATE_DATABASE, true);
}
