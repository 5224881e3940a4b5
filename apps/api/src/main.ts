import 'reflect-metadata';
import { createApp, loadData, migrate } from './bootstrap.js';
import { createLogger } from './common/logging.js';
import { parseConfig } from './config.js';
import { startEmbeddedPostgres } from './database/embedded-postgres.js';

/** `npm start`: the whole product on one port, on embedded PostgreSQL unless DATABASE_URL is set. */
async function main(): Promise<void> {
  const config = parseConfig();
  const logger = createLogger(config.logLevel);
  let databaseUrl = config.databaseUrl;
  let stopDatabase = async () => {};
  if (!databaseUrl) {
    logger.info({ dir: config.embeddedPg.dir, port: config.embeddedPg.port }, 'Starting embedded PostgreSQL');
    const embedded = await startEmbeddedPostgres({
      dir: config.embeddedPg.dir,
      port: config.embeddedPg.port,
      database: 'ror',
      onLog: (m) => logger.debug({ component: 'postgres' }, m.trim()),
    });
    databaseUrl = embedded.url;
    stopDatabase = embedded.stop;
  }
  const applied = await migrate(databaseUrl);
  if (applied.length) logger.info({ migrations: applied }, 'Migrations applied');
  const app = await createApp(config, databaseUrl, logger);
  app.enableShutdownHooks();
  await loadData(app, config.dataDir, config.seedDemoData);
  await app.listen(config.port, config.host);
  const url = `http://localhost:${config.port}/`;
  logger.info({ url }, 'ROR back-office ready');
  process.stdout.write(
    `\n  ROR back-office prêt : ${url}\n  API : ${url}api  ·  Documentation OpenAPI : ${url}api/docs  ·  Santé : ${url}api/health\n\n`,
  );
  const shutdown = async () => {
    await app.close();
    await stopDatabase();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
