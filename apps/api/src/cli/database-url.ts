import type { AppConfig } from '../config.js';
import { runningEmbeddedPostgres, startEmbeddedPostgres } from '../database/embedded-postgres.js';

/** DATABASE_URL, or the embedded PostgreSQL of `npm start` (same folder and port), for operator commands. */
export async function resolveDatabase(config: AppConfig): Promise<{ url: string; stop: () => Promise<void> }> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => {} };
  const running = await runningEmbeddedPostgres(config.embeddedPg.port, 'ror');
  if (running) return running;
  return startEmbeddedPostgres({ dir: config.embeddedPg.dir, port: config.embeddedPg.port, database: 'ror' });
}
