import 'reflect-metadata';
import path from 'node:path';
import { createApp, migrate } from '../bootstrap.js';
import { createLogger } from '../common/logging.js';
import { parseConfig } from '../config.js';
import { NomenclaturesService } from '../nomenclatures/nomenclatures.service.js';
import { resolveDatabase } from './database-url.js';

/**
 * `npm run import:nomenclatures [-- <folder or file>]`: loads NOS tables (FHIR JSON ValueSets/CodeSystems),
 * keeping every version, and reports per table the codes added, changed, deprecated and removed.
 */
const config = parseConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
const target = process.argv[2] ?? path.join(config.dataDir, 'nomenclatures');
const database = await resolveDatabase(config);
try {
  await migrate(database.url);
  const app = await createApp(config, database.url, createLogger(config.logLevel));
  await app.init();
  const reports = await app.get(NomenclaturesService).importPath(target);
  for (const r of reports) {
    if (r.outcome === 'unchanged') continue;
    console.log(
      `${r.name} ${r.previousVersion ?? '∅'} → ${r.version ?? '?'} (${r.outcome}) : ` +
        `+${r.added.length} ajoutés, ${r.changed.length} modifiés, ${r.deprecated.length} obsolètes, ${r.removed.length} retirés`,
    );
  }
  const unchanged = reports.filter((r) => r.outcome === 'unchanged').length;
  console.log(`${reports.length} tables lues, ${reports.length - unchanged} chargées, ${unchanged} inchangées.`);
  await app.close();
} finally {
  await database.stop();
}
