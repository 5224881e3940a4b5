import 'reflect-metadata';
import { createApp, loadData, migrate } from './bootstrap.js';
import { createLogger } from './common/logging.js';
import { type AppConfig, parseConfig } from './config.js';
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
  const stopIdp = config.devIdp.enabled ? await startLocalPsc(config) : async () => {};
  const app = await createApp(config, databaseUrl, logger);
  app.enableShutdownHooks();
  const { demoApiKey } = await loadData(app, config.dataDir, config.seedDemoData);
  await app.listen(config.port, config.host);
  const url = `${config.publicUrl}/`;
  logger.info({ url }, 'ROR back-office ready');
  process.stdout.write(
    [
      '',
      `  ROR back-office prêt : ${url}`,
      `  API : ${url}api  ·  Documentation OpenAPI : ${url}api/docs  ·  Santé : ${url}api/health`,
      config.devIdp.enabled
        ? `  Connexion : Pro Santé Connect local (${config.psc.discoveryUrl.replace(/\/\.well-known.*/, '')}), choisissez un profil de démonstration`
        : `  Connexion : Pro Santé Connect (${config.psc.discoveryUrl})`,
      demoApiKey ? `  Clé d’API de démonstration (affichée une seule fois) : X-API-Key: ${demoApiKey}` : '',
      '',
      '',
    ].join('\n'),
  );
  const shutdown = async () => {
    await app.close();
    await stopIdp();
    await stopDatabase();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

/** The local Pro Santé Connect stand-in, loaded only when enabled (never in production: see config.ts). */
async function startLocalPsc(config: AppConfig): Promise<() => Promise<void>> {
  const { startDevIdp } = await import('../../dev-idp/src/dev-idp.js');
  const idp = await startDevIdp({
    port: config.devIdp.port,
    host: 'localhost',
    clients: [
      {
        client_id: config.psc.clientId,
        client_secret: config.psc.clientSecret,
        redirect_uris: [`${config.publicUrl}/api/auth/callback`],
        post_logout_redirect_uris: [`${config.publicUrl}/`],
      },
    ],
  });
  return () => idp.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
