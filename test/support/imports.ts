import { afterAll, beforeAll } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { ImportsService } from '../../apps/api/src/imports/imports.service.js';
import { startTestApp, type TestApp } from './test-app.js';

/** A file of test/fixtures/imports (real samples, their origin noted in its README). */
export const importFixture = (name: string) => path.join(import.meta.dirname, '..', 'fixtures', 'imports', name);

export type ImportSession = {
  t: TestApp;
  imports: ImportsService;
  /** A scratch folder for the files a test writes, removed with the app. */
  tmp: string;
  run: (kind: 'finess' | 'rpps', file: string, dryRun?: boolean) => ReturnType<ImportsService['run']>;
  /** The rows a query returns on the test database. */
  rows: (sql: string, params?: unknown[]) => Promise<pg.QueryResult['rows']>;
};

/** What every import test file needs: an app without demo data, its import service, a scratch folder. */
export function importSession(tmpPrefix: string): ImportSession {
  const session = { tmp: mkdtempSync(path.join(os.tmpdir(), tmpPrefix)) } as ImportSession;
  session.run = (kind, file, dryRun = false) =>
    session.imports.run(kind, file, path.basename(file), { dryRun, startedBy: 'test' });
  session.rows = async (sql, params = []) => (await session.t.db.query(sql, params)).rows;
  beforeAll(async () => {
    session.t = await startTestApp({ withoutDemo: true });
    session.imports = session.t.app.get(ImportsService);
  });
  afterAll(async () => {
    await session.t?.close();
    rmSync(session.tmp, { recursive: true, force: true });
  });
  return session;
}
