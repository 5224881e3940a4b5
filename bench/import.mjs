// `npm run bench:import [-- --establishments N --rpps-lines N --profile]`: generates national-size FINESS and RPPS files
// in the real formats, imports them twice into a fresh embedded PostgreSQL (temporary folder), and measures
// each run (lines/s, peak RSS sampled every 50 ms) against the floor: a COPY of the same rows into a bare
// staging table, in the same run. Uses the compiled API (`npm run build:api` first, as the script does).
import 'reflect-metadata';
import { clearInterval, setInterval } from 'node:timers';
import { performance } from 'node:perf_hooks';
import {
  appendFileSync,
  chmodSync,
  createWriteStream,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import pg from 'pg';
import proj4 from 'proj4';
import { createApp, loadData, migrate } from '../dist/apps/api/src/bootstrap.js';
import { createLogger } from '../dist/apps/api/src/common/logging.js';
import { parseConfig } from '../dist/apps/api/src/config.js';
import { startEmbeddedPostgres } from '../dist/apps/api/src/database/embedded-postgres.js';
import { ImportsService } from '../dist/apps/api/src/imports/imports.service.js';
import '../dist/apps/api/src/imports/sources/reproject.js';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ESTABLISHMENTS = arg('establishments', 100_000);
const RPPS_LINES = arg('rpps-lines', 1_000_000);
const PROFILE = process.argv.includes('--profile');

/** `--profile`: total time per SQL statement (by its first words), printed after each import. */
const statementTimes = new Map();
if (PROFILE) {
  const { PostgresQueryRunner } = await import('typeorm/driver/postgres/PostgresQueryRunner.js');
  const query = PostgresQueryRunner.prototype.query;
  PostgresQueryRunner.prototype.query = async function (sql, ...rest) {
    const label = sql.replace(/\s+/g, ' ').trim().slice(0, 90);
    const start = performance.now();
    try {
      return await query.call(this, sql, ...rest);
    } finally {
      const t = statementTimes.get(label) ?? { calls: 0, ms: 0 };
      statementTimes.set(label, { calls: t.calls + 1, ms: t.ms + performance.now() - start });
    }
  };
}
const printProfile = (title) => {
  if (!PROFILE) return;
  const rows = [...statementTimes].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15);
  console.error(`Statement times, ${title}:`);
  for (const [label, t] of rows)
    console.error(`  ${(t.ms / 1000).toFixed(2).padStart(8)} s ${String(t.calls).padStart(6)} × ${label}`);
  statementTimes.clear();
};

// Deterministic pseudo-random values (same files on every run).
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = (list) => list[Math.floor(random() * list.length)];
const digits = (n) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

/** Luhn-valid 9-digit FINESS number in a département (check digit last, as real numbers are). */
function finessNumber(departement, n) {
  const body = `${departement}${String(n).padStart(6, '0')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d *= 2;
    sum += d > 9 ? d - 9 : d;
  }
  return body + ((10 - (sum % 10)) % 10);
}

const communes = readFileSync('data/geo/communes.csv', 'utf8')
  .split(/\r?\n/)
  .slice(1)
  .map((l) => l.split(','))
  .filter((c) => c[0] && /^(0[1-9]|[1-8]\d|9[0-5])\d{3}$/.test(c[0]) && c[7] && c[4])
  .map(([code, nom, dep, , cps, , , lat, lng]) => ({ code, nom, dep, cp: cps.split(' ')[0], lat: +lat, lng: +lng }));
const nos = (file) =>
  JSON.parse(readFileSync(`data/nomenclatures/${file}`, 'utf8')).compose.include.flatMap((i) =>
    i.system.includes('TRE_R66') ||
    i.system.includes('TRE_R72') ||
    i.system.includes('TRE_G15') ||
    i.system.includes('TRE_R38')
      ? i.concept.map((c) => c.code)
      : [],
  );
const CATEGORIES = nos('ValueSet-JDV-J55-CategorieEG-ROR.json');
const STATUSES = nos('ValueSet-JDV-J199-StatutJuridique-ROR.json');
const PROFESSIONS = nos('ValueSet-JDV-J229-ProfessionSante-ROR.json');
const SPECIALTIES = nos('ValueSet-JDV-J210-SpecialiteOrdinale-ROR.json').filter((c) => c.startsWith('SM'));
const STREETS = ['R', 'AV', 'BD', 'RTE', 'CHE', 'PL', 'ALL', 'IMP'];
const WORDS = [
  'CENTRE',
  'HOSPITALIER',
  'CLINIQUE',
  'EHPAD',
  'RESIDENCE',
  'LES',
  'TILLEULS',
  'SAINT',
  'JOSEPH',
  'PHARMACIE',
  'DU',
  'PARC',
  'MAISON',
  'SANTE',
];
const NAMES = ['MARTIN', 'BERNARD', 'DUBOIS', 'THOMAS', 'ROBERT', 'RICHARD', 'PETIT', 'DURAND', 'LEROY', 'MOREAU'];
const FIRST = ['Marie', 'Jean', 'Pierre', 'Anne', 'Claire', 'Louis', 'Hélène', 'Élodie', 'Loïc', 'Zoé'];
const name = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
const L93 =
  '+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';

async function write(file, lines) {
  const out = createWriteStream(file);
  let n = 0;
  for (const line of lines) {
    n++;
    if (!out.write(line + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return n;
}

/** cs1100501 + cs1100507 in one file: structureej, structureet, then geolocalisation lines. */
function* finessLines(ets) {
  yield 'finess;etalab;111;2026-05-12';
  // Two establishments per legal entity: one structureej line for each EJ, at its first establishment's place.
  for (let i = 0; i < ets.length; i += 2) {
    const c = ets[i].commune;
    yield [
      'structureej',
      ets[i].ej,
      name(3).slice(0, 38),
      name(5).slice(0, 60),
      '',
      digits(2).replace(/^0/, '1'),
      pick(STREETS),
      name(2).slice(0, 27),
      '',
      '',
      '',
      c.code.slice(2),
      `${c.cp} ${c.nom.toUpperCase()}`.slice(0, 32),
      c.code.slice(0, 2),
      'DEPARTEMENT',
      `0${digits(9)}`,
      pick(STATUSES),
      'Statut',
      '',
      '',
      digits(9),
      '8610Z',
      '1990-01-01',
    ].join(';');
  }
  for (const et of ets) {
    const c = et.commune;
    yield [
      'structureet',
      et.finess,
      et.ej,
      name(3).slice(0, 38),
      name(5).slice(0, 60),
      '',
      '',
      String(1 + Math.floor(random() * 300)),
      pick(STREETS),
      name(2).slice(0, 27),
      '',
      '',
      c.code.slice(2),
      c.code.slice(0, 2),
      'DEPARTEMENT',
      `${c.cp} ${c.nom.toUpperCase()}`.slice(0, 32),
      `0${digits(9)}`,
      '',
      et.category,
      'Catégorie',
      '1102',
      'Agrégat',
      digits(14),
      '8610Z',
      '03',
      'MFT',
      '1',
      'SPH',
      '1980-01-01',
      '1980-01-01',
      '2024-01-01',
      '',
    ].join(';');
  }
  for (const et of ets) {
    const [x, y] = proj4('EPSG:4326', L93, [
      et.commune.lng + (random() - 0.5) / 50,
      et.commune.lat + (random() - 0.5) / 50,
    ]);
    yield `geolocalisation;${et.finess};${x.toFixed(1)};${y.toFixed(1)};1,ATLASANTE,96,BAN,EPSG:2154 RGF93 / Lambert-93 (Métropole);2026-05-04`;
  }
}

const RPPS_HEADER =
  readFileSync('test/fixtures/imports/PS_LibreAcces_Personne_activite_small.txt', 'utf8').split('\n')[0] +
  'Code rôle|Libellé rôle|Code genre activité|Libellé genre activité|';

/** PS_LibreAcces_Personne_activite, current 56-column layout: ~2.5 lines per professional. */
function* rppsLines(ets, total) {
  yield RPPS_HEADER;
  let person = 0;
  for (let line = 0; line < total;) {
    person++;
    const id = String(10000000000 + person);
    const profession = random() < 0.4 ? '10' : pick(PROFESSIONS);
    const identity = [
      '8',
      id,
      `8${id}`,
      profession === '10' ? 'DR' : '',
      profession === '10' ? 'Docteur' : '',
      'MME',
      'Madame',
      pick(NAMES),
      pick(FIRST),
      profession,
      'Profession',
      'C',
      'Civil',
      profession === '10' ? 'S' : '',
      '',
      profession === '10' ? pick(SPECIALTIES) : '',
      '',
    ];
    const situations = 1 + Math.floor(random() * 3);
    for (let s = 0; s < situations && line < total; s++, line++) {
      const kind = random();
      const c = pick(communes);
      let structure;
      if (kind < 0.35) {
        const et = pick(ets);
        structure = [
          'S',
          'Salarié',
          digits(14),
          '',
          et.finess,
          et.ej,
          `F${et.finess}`,
          'ETABLISSEMENT',
          '',
          '',
          '',
          '1',
          '',
          'R',
          'Rue',
          'DE LA PAIX',
          '',
          `${et.commune.cp} VILLE`,
          et.commune.cp,
          et.commune.code,
          'Ville',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          `1${et.finess}`,
          'ARS/ARS/ARS',
          'SA01',
          'Etab',
          '',
          '',
        ];
      } else if (kind < 0.8) {
        const siret = `${digits(13)}${s}`;
        structure = [
          'L',
          'Libéral',
          siret,
          siret.slice(0, 9),
          '',
          '',
          `C${siret}`,
          `CABINET ${pick(NAMES)}`,
          '',
          '',
          '',
          String(1 + s),
          '',
          'AV',
          'Avenue',
          'DES LILAS',
          '',
          `${c.cp} VILLE`,
          c.cp,
          c.code,
          'Ville',
          '',
          '',
          `0${digits(9)}`,
          '',
          '',
          '',
          '',
          '',
          `3${siret}`,
          'ARS/CPAM/CPAM',
          pick(['SA07', 'SA08']),
          'Cabinet',
          '',
          '',
        ];
      } else {
        structure = [
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          'CNOM//',
          '',
          '',
          '',
          '',
        ];
      }
      yield [...identity, ...structure, '', '', '', '', ''].join('|');
    }
  }
}

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** CPU seconds (user + system) of the PostgreSQL server's processes: the postmaster and its children. */
function postgresCpuSeconds() {
  const postmaster = Number(readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      // Fields after the command name: state ppid … utime (14th field) stime cutime cstime; the postmaster's
      // cutime/cstime hold its ended backends (a pool closes idle connections during a run).
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      const own = Number(fields[11]) + Number(fields[12]);
      if (Number(pid) === postmaster) total += (own + Number(fields[13]) + Number(fields[14])) / tick;
      else if (Number(fields[1]) === postmaster) total += own / tick;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return total;
}

/**
 * Runs `work`, sampling this process's RSS, and returns the elapsed seconds, the peak in MB and the CPU
 * seconds spent by Node and by PostgreSQL: on a machine shared with other loads, the CPU time is the steadier
 * figure (the elapsed time depends on what else runs).
 */
async function measure(work) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const start = performance.now();
  const cpu = process.cpuUsage();
  const pgCpu = postgresCpuSeconds();
  const result = await work();
  clearInterval(timer);
  const nodeCpu = process.cpuUsage(cpu);
  return {
    seconds: (performance.now() - start) / 1000,
    peakMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20),
    nodeCpuSeconds: +((nodeCpu.user + nodeCpu.system) / 1e6).toFixed(1),
    postgresCpuSeconds: +(postgresCpuSeconds() - pgCpu).toFixed(1),
    result,
  };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'ror-bench-import-'));
// The embedded server may run as another user (when started as root): it reads the files for COPY.
chmodSync(dir, 0o755);
const pgDir = path.join(os.tmpdir(), `ror-bench-pg-${process.pid}`);
const finessFile = path.join(dir, 'etalab-cs1100507-stock-bench.csv');
const rppsFile = path.join(dir, 'PS_LibreAcces_Personne_activite_bench.txt');
const ets = [];
for (let i = 0; i < ESTABLISHMENTS; i++) {
  const commune = pick(communes);
  const dep = commune.code.slice(0, 2);
  ets.push({
    finess: finessNumber(dep, 100000 + i),
    // The second establishment of a pair shares the first one's legal entity.
    ej: i % 2 ? ets[i - 1].ej : finessNumber(dep, 500000 + i / 2),
    commune,
    category: pick(CATEGORIES),
  });
}
console.error(`Generating files in ${dir} …`);
const finessLineCount = await write(finessFile, finessLines(ets));
const rppsLineCount = await write(rppsFile, rppsLines(ets, RPPS_LINES));
console.error(
  `FINESS: ${finessLineCount} lines, ${(statSync(finessFile).size / 2 ** 20).toFixed(1)} MB; RPPS: ${rppsLineCount} lines, ${(statSync(rppsFile).size / 2 ** 20).toFixed(1)} MB`,
);

const database = await startEmbeddedPostgres({
  dir: pgDir,
  port: await freePort(),
  database: 'ror',
  // `--profile`: the plans of slow statements (auto_explain) go to the server log, kept beside the results.
  onLog: PROFILE ? (m) => appendFileSync(`${pgDir}.log`, m + '\n') : undefined,
});
const results = {};
try {
  await migrate(database.url);
  if (PROFILE) {
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    for (const setting of [
      `session_preload_libraries = 'auto_explain'`,
      `auto_explain.log_min_duration = '500ms'`,
      'auto_explain.log_analyze = on',
    ])
      await admin.query(`ALTER DATABASE ror SET ${setting}`);
    await admin.end();
    console.error(`Plans of statements over 500 ms: ${pgDir}.log`);
  }
  const config = parseConfig({ ...process.env, LOG_LEVEL: 'silent', SEED_DEMO_DATA: 'false' });
  const app = await createApp(config, database.url, createLogger('silent'));
  await app.init();
  await loadData(app, config.dataDir, false);
  const imports = app.get(ImportsService);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const copy = async (file, table) => {
    // One text column per line: the cheapest way PostgreSQL can take the same rows in (the floor).
    await client.query(`CREATE UNLOGGED TABLE ${table} (line text)`);
    return measure(() => client.query(`COPY ${table} FROM '${file}' WITH (FORMAT text, DELIMITER E'\\x01')`));
  };
  const importRun = (kind, file) => measure(() => imports.run(kind, file, path.basename(file), { startedBy: 'bench' }));
  const rowVersions = async () =>
    (
      await client.query(
        `SELECT (SELECT coalesce(sum(version), 0) FROM organization) + (SELECT coalesce(sum(version), 0) FROM practitioner) + (SELECT coalesce(sum(version), 0) FROM practitioner_role) AS v`,
      )
    ).rows[0].v;
  for (const [kind, file, lines] of [
    ['finess', finessFile, finessLineCount],
    ['rpps', rppsFile, rppsLineCount],
  ]) {
    const floor = await copy(file, `staging_${kind}`);
    const first = await importRun(kind, file);
    printProfile(`${kind}, first import`);
    const versions = await rowVersions();
    const second = await importRun(kind, file);
    printProfile(`${kind}, second import`);
    const unchangedWrites = Number(await rowVersions()) - Number(versions);
    results[kind] = {
      lines,
      copySeconds: +floor.seconds.toFixed(2),
      first: { ...runFigures(first, lines), rejected: first.result.rejected },
      second: { ...runFigures(second, lines), unchanged: second.result.unchanged, rowsWritten: unchangedWrites },
      ratioToCopy: +(first.seconds / floor.seconds).toFixed(1),
      secondOverFirst: +(second.seconds / first.seconds).toFixed(2),
    };
    console.error(JSON.stringify({ [kind]: results[kind] }));
  }
  await client.end();
  await app.close();
} finally {
  await database.stop();
  rmSync(dir, { recursive: true, force: true });
  rmSync(pgDir, { recursive: true, force: true });
}
console.log(
  JSON.stringify(
    {
      date: new Date().toISOString(),
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      node: process.version,
      results,
    },
    null,
    2,
  ),
);

/** What the report keeps of one import run. */
function runFigures(run, lines) {
  return {
    seconds: +run.seconds.toFixed(1),
    linesPerSecond: Math.round(lines / run.seconds),
    peakRssMb: run.peakMb,
    nodeCpuSeconds: run.nodeCpuSeconds,
    postgresCpuSeconds: run.postgresCpuSeconds,
    status: run.result.status,
    created: run.result.created,
    updated: run.result.updated,
  };
}
