import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import { SessionMiddleware } from './auth/session.js';
import { HttpExceptionFilter } from './common/http-exception.filter.js';
import { PinoNestLogger, requestLogging } from './common/logging.js';
import type { AppConfig } from './config.js';
import { createDataSource } from './database/data-source.js';
import { DemoDataService } from './demo/demo-data.service.js';
import { fhirBodyErrors, fhirClientError, fhirRequestSignal } from './fhir/fhir-http.js';
import { GeographyService } from './geography/geography.service.js';
import { NomenclaturesService } from './nomenclatures/nomenclatures.service.js';
import { setUpOpenApi } from './openapi.js';

/** Applies pending migrations (the schema comes from migrations only). Returns the names applied. */
export async function migrate(databaseUrl: string): Promise<string[]> {
  const dataSource = createDataSource(databaseUrl);
  await dataSource.initialize();
  try {
    return (await dataSource.runMigrations()).map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/** The HTTP application, configured as in production; tests use exactly this. */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  logger: Logger,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    logger: new PinoNestLogger(logger),
  });
  // The FHIR API lives at /fhir, as FHIR clients expect a base without the admin prefix.
  app.setGlobalPrefix('api', { exclude: ['fhir', 'fhir/{*path}'] });
  app.use(requestLogging(logger));
  app.use('/fhir', fhirRequestSignal);
  app.getHttpServer().on('clientError', fhirClientError);
  app.use('/api', app.get(SessionMiddleware).handler);
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Access-Control-Expose-Headers', 'Content-Range, X-Request-Id');
    next();
  });
  app.useGlobalFilters(new HttpExceptionFilter());
  app.useBodyParser('json', { limit: '2mb', type: ['application/json', 'application/fhir+json'] });
  app.useBodyParser('urlencoded', { limit: '1mb', extended: false });
  app.use('/fhir', fhirBodyErrors);
  setUpOpenApi(app);
  serveAdmin(app, config.adminDistDir);
  return app;
}

/** The react-admin build at `/`, with the SPA's index.html for its client-side routes. */
function serveAdmin(app: NestExpressApplication, dir: string): void {
  const root = path.resolve(dir);
  if (!existsSync(path.join(root, 'index.html'))) return;
  app.useStaticAssets(root, { index: 'index.html' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api') || req.path.startsWith('/fhir') || !req.accepts('html'))
      return next();
    res.sendFile(path.join(root, 'index.html'));
  });
}

/**
 * Reference data (COG geography, NOS tables) and, on an empty database, the demo data. Returns the key of
 * the demo API client when one was just created (it is shown once).
 */
export async function loadData(
  app: NestExpressApplication,
  dataDir: string,
  seedDemo: boolean,
): Promise<{ demoApiKey: string | null }> {
  await app.get(GeographyService).loadIfEmpty(path.join(dataDir, 'geo'));
  await app.get(NomenclaturesService).importPath(path.join(dataDir, 'nomenclatures'));
  const demoApiKey = seedDemo
    ? await app.get(DemoDataService).seedIfEmpty(path.join(dataDir, 'demo', 'demo.json'))
    : null;
  return { demoApiKey };
}
