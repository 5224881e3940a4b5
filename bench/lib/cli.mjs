// Shared by the bench scripts: command-line options and the database to work on.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

/** Parses `--name value` options (node:util parseArgs) and prints the usage on `--help` or a bad option. */
export function options(usage, spec) {
  try {
    const { values } = parseArgs({ options: { ...spec, help: { type: 'boolean' } }, strict: true });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    return values;
  } catch (e) {
    console.error(`${e.message}\n\n${usage}`);
    process.exit(2);
  }
}

/**
 * The PostgreSQL to use: `--database-url`, else DATABASE_URL, else an embedded PostgreSQL started with the
 * project's own `startEmbeddedPostgres` (as root it runs as the `postgres` user) in `dir` or a fresh temp dir.
 */
export async function openDatabase({ databaseUrl, dir, port }) {
  const url = databaseUrl ?? process.env.DATABASE_URL;
  if (url) return { url, dir: null, stop: async () => undefined };
  const { startEmbeddedPostgres } = await import('../../dist/apps/api/src/database/embedded-postgres.js');
  const dataDir = path.resolve(dir ?? mkdtempSync(path.join(os.tmpdir(), 'ror-bench-pg-')));
  const embedded = await startEmbeddedPostgres({ dir: dataDir, port: Number(port), database: 'ror_bench' });
  return { url: embedded.url, dir: dataDir, stop: embedded.stop };
}

/** Milliseconds as a short human figure. */
export const ms = (value) =>
  !Number.isFinite(value) ? '—' : value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(1)} ms`;
