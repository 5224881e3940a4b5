import 'reflect-metadata';
import path from 'node:path';
import { NomenclaturesService } from '../nomenclatures/nomenclatures.service.js';
import { runWithApp } from './run-with-app.js';

/**
 * `npm run import:nomenclatures [-- <folder or file>]`: loads NOS tables (FHIR JSON ValueSets/CodeSystems),
 * keeping every version, and reports per table the codes added, changed, deprecated and removed.
 */
await runWithApp(async (app, config) => {
  const target = process.argv[2] ?? path.join(config.dataDir, 'nomenclatures');
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
});
