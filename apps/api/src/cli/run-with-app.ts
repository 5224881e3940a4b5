import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp, migrate } from '../bootstrap.js';
import { createLogger } from '../common/logging.js';
import { type AppConfig, parseConfig } from '../config.js';
import { resolveDatabase } from './database-url.js';

/**
 * What every operator command does around its work: the database (DATABASE_URL or the embedded one), pending
 * migrations, the application without HTTP; then everything is closed and the process exits with the work's
 * code (0 by default).
 */
export async function runWithApp(
  work: (app: NestExpressApplication, config: AppConfig) => Promise<number | void>,
): Promise<never> {
  const config = parseConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const database = await resolveDatabase(config);
  let exitCode: number;
  try {
    await migrate(database.url);
    const app = await createApp(config, database.url, createLogger(config.logLevel));
    await app.init();
    try {
      exitCode = (await work(app, config)) ?? 0;
    } finally {
      await app.close();
    }
  } finally {
    await database.stop();
  }
  process.exit(exitCode);
}
