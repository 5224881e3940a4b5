import 'reflect-metadata';
import path from 'node:path';
import { loadData } from '../bootstrap.js';
import { ValidationError } from '../common/errors.js';
import type { ImportRun } from '../imports/import-run.entity.js';
import { ImportsService } from '../imports/imports.service.js';
import { runWithApp } from './run-with-app.js';

/**
 * `npm run import -- finess|rpps <file> [--dry-run]`: one import run, with its progress on stderr and its
 * report (counts, first rejected lines) on stdout. Exit code 1 when the file is refused or the run fails.
 */
const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const [kind, file] = args.filter((a) => a !== '--dry-run');
if ((kind !== 'finess' && kind !== 'rpps') || !file) {
  console.error('Usage : npm run import -- finess|rpps <fichier> [--dry-run]');
  process.exit(2);
}
await runWithApp(async (app, config) => {
  // Communes and NOS tables must be there to place and check the records (no demo data).
  await loadData(app, config.dataDir, false);
  const imports = app.get(ImportsService);
  try {
    const { run, done } = await imports.start(kind, path.resolve(file), path.basename(file), {
      dryRun,
      startedBy: `cli:${process.env.USER ?? 'inconnu'}`,
    });
    console.error(`Import ${run.id} (${run.format}${dryRun ? ', simulation' : ''}) : ${file}`);
    const timer = setInterval(async () => {
      const r = await imports.get(run.id);
      const percent = Number(r.fileSize) > 0 ? Math.floor((100 * Number(r.bytesRead)) / Number(r.fileSize)) : 0;
      console.error(`  ${percent} % · ${r.linesRead} lignes · ${summary(r)}`);
    }, 1000);
    const finished = await done.finally(() => clearInterval(timer));
    console.log(`${finished.status === 'succeeded' ? 'Terminé' : 'Échec'} : ${summary(finished)}`);
    if (finished.message) console.log(finished.message);
    const { rows, total } = await imports.listRejections(run.id, { offset: 0, limit: 20, filter: {}, sort: undefined });
    for (const r of rows) console.log(`  ligne ${r.line} : ${r.reason}`);
    if (total > rows.length)
      console.log(`  … et ${total - rows.length} autre(s) rejet(s) (GET /api/imports/${run.id}/rejections)`);
    return finished.status === 'succeeded' ? 0 : 1;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    console.error(error.message);
    return 1;
  }
});

function summary(r: ImportRun): string {
  return `${r.created} créés, ${r.updated} modifiés, ${r.closed} fermés, ${r.unchanged} inchangés, ${r.rejected} rejetés`;
}
