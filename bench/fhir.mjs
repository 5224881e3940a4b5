// FHIR API benchmark (issue 5): a fixed mix of the IG's documented queries at concurrency 1 and 16, each beside
// its raw SQL floor (a hand-written query fetching the same rows, on the same database, in the same run), with
// pass/miss against the targets; and a separate `--export` mode timing a national Bulk Data $export.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { Pool, fetch } from 'undici';
import { ms, options } from './lib/cli.mjs';

const USAGE = `npm run bench:fhir -- [options]

  --base-url <url>      FHIR base (default http://localhost:3000/fhir)
  --api-key <key>       API client key, sent as X-API-Key (profile 5 sees everything the queries touch)
  --database-url <url>  the database the API serves (default DATABASE_URL): parameters and SQL floors
  --concurrency <list>  default 1,16
  --duration <s>        measuring time per query and concurrency (default 10), after 1 s of warm-up
  --timeout <s>         a request slower than this counts as an error (default 30)
  --only <names>        comma-separated query names (default: all)
  --sql-only            measure the SQL floors only (no API needed)
  --out <file>          JSON results (default bench/results/fhir-<time>.json)
  --export              time a national $export instead (kick-off, poll, download every NDJSON file)
  --export-query <q>    kick-off parameters (default _type=Organization,HealthcareService,Location,Practitioner,PractitionerRole)
  --server-pid <pid>    with --export: sample this process's RSS (peak memory of the API server)`;

const args = options(USAGE, {
  'base-url': { type: 'string', default: 'http://localhost:3000/fhir' },
  'api-key': { type: 'string' },
  'database-url': { type: 'string' },
  concurrency: { type: 'string', default: '1,16' },
  duration: { type: 'string', default: '10' },
  timeout: { type: 'string', default: '30' },
  only: { type: 'string' },
  'sql-only': { type: 'boolean', default: false },
  out: { type: 'string' },
  export: { type: 'boolean', default: false },
  'export-query': {
    type: 'string',
    default: '_type=Organization,HealthcareService,Location,Practitioner,PractitionerRole',
  },
  'server-pid': { type: 'string' },
});

const databaseUrl = args['database-url'] ?? process.env.DATABASE_URL;
const base = new URL(args['base-url'].replace(/\/?$/, '/'));
const headers = { accept: 'application/fhir+json', ...(args['api-key'] ? { 'x-api-key': args['api-key'] } : {}) };
const NOS = 'https://mos.esante.gouv.fr/NOS';
const SYSTEM = {
  activity: `${NOS}/TRE_R211-ActiviteOperationnelle/FHIR/TRE-R211-ActiviteOperationnelle`,
  region: `${NOS}/TRE_R30-RegionOM/FHIR/TRE-R30-RegionOM`,
  nature: `${NOS}/TRE_R329-NatureCapacite/FHIR/TRE-R329-NatureCapacite`,
  capacityStatus: `${NOS}/TRE_R330-TypeStatutCapacite/FHIR/TRE-R330-TypeStatutCapacite`,
};
const PAGE = 200; // the IG's default page size: every search floor fetches the same first page and the total
const SEARCH_CAP = 10_000; // IG: searches beyond this many matches are refused (use $export)

// ---------------------------------------------------------------------------------------------------------
// Parameters drawn from the generated data (deterministic samples: ORDER BY md5(id))

async function sampleParameters(db) {
  // Records any consumer profile can read: offers that are not sensitive units, places serving one of them.
  const ids = async (table, where) =>
    (await db.query(`SELECT id FROM ${table} t WHERE ${where} ORDER BY md5(id::text) LIMIT 200`)).rows.map((r) => r.id);
  const postalPrefix = `left(l.address->>'postalCode', CASE WHEN l.departement_code LIKE '97%' THEN 3 ELSE 2 END)`;
  const { rows: activityPlaces } = await db.query(
    `SELECT DISTINCT ON (a) a AS activity, p AS prefix FROM (
       SELECT hs.operational_activities->0->>'code' AS a, ${postalPrefix} AS p, md5(hs.id::text) AS h
       FROM healthcare_service hs
       JOIN healthcare_service_location hl ON hl.healthcare_service_id = hs.id
       JOIN location l ON l.id = hl.location_id
       WHERE l.address->>'postalCode' IS NOT NULL
       ORDER BY md5(hs.id::text) LIMIT 2000) s
     ORDER BY a, h LIMIT 100`,
  );
  // Départements whose offers fit under the search cap (the full-offer pages are their first page).
  const { rows: prefixes } = await db.query(
    `SELECT p AS prefix FROM (SELECT ${postalPrefix} AS p, count(DISTINCT hl.healthcare_service_id) AS n
       FROM location l JOIN healthcare_service_location hl ON hl.location_id = l.id
       WHERE l.address->>'postalCode' IS NOT NULL GROUP BY 1) s
     WHERE n BETWEEN ${PAGE} AND ${SEARCH_CAP} ORDER BY md5(p) LIMIT 30`,
  );
  const { rows: places } = await db.query(
    `SELECT latitude, longitude FROM location WHERE latitude IS NOT NULL ORDER BY md5(id::text) LIMIT 100`,
  );
  const { rows: regions } = await db.query(
    `SELECT region_code AS region FROM (
       SELECT l.region_code, count(*) AS n FROM location l
       WHERE EXISTS (SELECT 1 FROM capacity c WHERE c.location_id = l.id AND c.nature->>'code' = '01'
                       AND c.status->>'code' = '02' AND c.count > 0)
       GROUP BY 1) s WHERE n <= ${SEARCH_CAP} ORDER BY region_code`,
  );
  const { rows: latest } = await db.query(`SELECT max(updated_at) AS at FROM healthcare_service`);
  const since = new Date(latest[0].at.getTime() - 86_400_000).toISOString();
  return {
    offers: await ids('healthcare_service', 'NOT t.sensitive_unit'),
    locations: await ids(
      'location',
      `EXISTS (SELECT 1 FROM healthcare_service_location hl JOIN healthcare_service h ON h.id = hl.healthcare_service_id
               WHERE hl.location_id = t.id AND NOT h.sensitive_unit)`,
    ),
    activityPlaces,
    prefixes: prefixes.map((r) => r.prefix),
    places,
    regions: regions.map((r) => r.region),
    since,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The query mix. Each query: the FHIR request, and the SQL floor (same rows: the page, the total, and the rows
// the resources are built from: places of offers, contacts and telecoms, capacities and equipment of places).

const OFFER_ROWS = (alias) => `${alias}.*,
  ARRAY(SELECT hl.location_id FROM healthcare_service_location hl WHERE hl.healthcare_service_id = ${alias}.id) AS location_ids,
  ARRAY(SELECT c FROM contact c WHERE c.healthcare_service_id = ${alias}.id) AS contacts,
  ARRAY(SELECT t FROM telecom t JOIN contact c ON c.id = t.contact_id WHERE c.healthcare_service_id = ${alias}.id) AS telecoms`;
const LOCATION_ROWS = (alias) => `${alias}.*,
  ARRAY(SELECT c FROM capacity c WHERE c.location_id = ${alias}.id) AS capacities,
  ARRAY(SELECT e FROM equipment e WHERE e.location_id = ${alias}.id) AS equipment`;
/**
 * First page by id (the API's default sort) and the total: the matching ids once (the total needs them all),
 * then the page's rows by primary key.
 */
const page = (table, alias, where, rows) =>
  `WITH ids AS MATERIALIZED (SELECT ${alias}.id FROM ${table} ${alias} WHERE ${where}),
        top AS (SELECT id FROM ids ORDER BY id LIMIT ${PAGE})
   SELECT (SELECT count(*) FROM ids) AS total, ${rows(alias)}
   FROM ${table} ${alias} WHERE ${alias}.id IN (SELECT id FROM top) ORDER BY ${alias}.id`;
/** Offers with a place in a département: the places' postal-code prefixes stored on the offer (migration 1764500000000). */
const inDepartement = (value) => `hs.location_postal_prefixes @> ARRAY[$${value}::text]`;
const offerByActivityAndPlace = (values) =>
  `hs.operational_activities @> $${values}::jsonb AND ${inDepartement(values + 1)}`;
/** A bed (nature 01) available (status 02) with a count above 0 on one indicator: the places' capacity keys (migration 1764800000000). */
const availableBeds = `l.capacity_keys @> '{01.02+}'`;

const QUERIES = [
  {
    name: 'read-offer',
    kind: 'read',
    doc: 'IG use case 2 scenario 3: one offer by id',
    http: (p, i) => `HealthcareService/${p.offers[i % p.offers.length]}`,
    sql: (p, i) => [`SELECT ${OFFER_ROWS('hs')} FROM healthcare_service hs WHERE hs.id = $1`, [p.offers[i % p.offers.length]]], // prettier-ignore
  },
  {
    name: 'read-location',
    kind: 'read',
    doc: 'IG use case 1 scenario 2: one place with its capacities and equipment',
    http: (p, i) => `Location/${p.locations[i % p.locations.length]}`,
    sql: (p, i) => [`SELECT ${LOCATION_ROWS('l')} FROM location l WHERE l.id = $1`, [p.locations[i % p.locations.length]]], // prettier-ignore
  },
  {
    name: 'offers-by-activity-departement',
    kind: 'search',
    doc: 'IG use case 3: offers of an activité opérationnelle in a département (postal-code prefix)',
    http: (p, i) => {
      const { activity, prefix } = p.activityPlaces[i % p.activityPlaces.length];
      return `HealthcareService?specialty=${encodeURIComponent(`${SYSTEM.activity}|${activity}`)}&location.address-postalcode=${prefix}`;
    },
    sql: (p, i) => {
      const { activity, prefix } = p.activityPlaces[i % p.activityPlaces.length];
      return [page('healthcare_service', 'hs', offerByActivityAndPlace(1), OFFER_ROWS), [JSON.stringify([{ code: activity }]), prefix]]; // prettier-ignore
    },
  },
  {
    name: 'offers-delta-24h',
    kind: 'search',
    doc: 'IG §6.4 incremental sync: offers changed in the last 24 hours',
    http: (p) => `HealthcareService?_lastUpdated=ge${p.since}`,
    sql: (p) => [page('healthcare_service', 'hs', 'hs.updated_at >= $1', OFFER_ROWS), [p.since]],
  },
  {
    name: 'location-near-10km',
    kind: 'search',
    doc: 'IG use case 3 proximity: places within 10 km, sorted by distance, distance returned',
    http: (p, i) => {
      const { latitude, longitude } = p.places[i % p.places.length];
      return `Location?near=${latitude}|${longitude}|10|km`;
    },
    sql: (p, i) => {
      const { latitude, longitude } = p.places[i % p.places.length];
      const dLat = 10 / 111.2;
      const dLon = 10 / (111.2 * Math.max(Math.cos((latitude * Math.PI) / 180), 0.01));
      const distance = `(12742 * asin(sqrt(power(sin(radians(l.latitude - $1) / 2), 2) + cos(radians($1)) * cos(radians(l.latitude)) * power(sin(radians(l.longitude - $2) / 2), 2))))`; // prettier-ignore
      const where = `l.latitude BETWEEN $3 AND $4 AND l.longitude BETWEEN $5 AND $6 AND ${distance} <= 10`;
      return [
        `WITH hits AS MATERIALIZED (SELECT l.id, ${distance} AS distance FROM location l WHERE ${where}),
              top AS (SELECT id, distance FROM hits ORDER BY distance, id LIMIT ${PAGE})
         SELECT (SELECT count(*) FROM hits) AS total, ${LOCATION_ROWS('l')}, top.distance
         FROM top JOIN location l ON l.id = top.id ORDER BY top.distance, l.id`,
        [latitude, longitude, latitude - dLat, latitude + dLat, longitude - dLon, longitude + dLon],
      ];
    },
  },
  {
    name: 'available-beds-by-region',
    kind: 'search',
    doc: 'IG use case 1 scenario 1bis: places of a region with an available bed (capacities)',
    http: (p, i) =>
      `Location?_tag=${encodeURIComponent(`${SYSTEM.region}|${p.regions[i % p.regions.length]}`)}&capacity-type=${encodeURIComponent(`${SYSTEM.nature}|01`)}&capacity-status=${encodeURIComponent(`${SYSTEM.capacityStatus}|02`)}&nb-capacity=gt0`, // prettier-ignore
    sql: (p, i) => [
      page('location', 'l', `l.region_code = $1 AND ${availableBeds}`, LOCATION_ROWS),
      [p.regions[i % p.regions.length]],
    ],
  },
  {
    name: 'full-offer-page',
    kind: 'include',
    doc: 'IG use case 2 (canonical full-offer query): a page of 200 offers of a département with organisations up the partof chain, places, situations and professionals',
    http: (p, i) =>
      `HealthcareService?location.address-postalcode=${p.prefixes[i % p.prefixes.length]}&_include=HealthcareService:organization&_include:iterate=Organization:partof&_include=HealthcareService:location&_revinclude=PractitionerRole:service&_include=PractitionerRole:practitioner&_count=${PAGE}`, // prettier-ignore
    sql: (p, i) => {
      return [
        `WITH ids AS MATERIALIZED (SELECT hs.id FROM healthcare_service hs WHERE ${inDepartement(1)}),
         page AS (SELECT ${OFFER_ROWS('hs')} FROM healthcare_service hs
           WHERE hs.id IN (SELECT id FROM ids ORDER BY id LIMIT ${PAGE})),
         total AS (SELECT count(*) AS n FROM ids),
         orgs AS (WITH RECURSIVE up AS (
             SELECT o.* FROM organization o WHERE o.id IN (SELECT organization_id FROM page)
             UNION SELECT parent.* FROM organization parent JOIN up ON parent.id = up.parent_id)
           SELECT * FROM up),
         places AS (SELECT ${LOCATION_ROWS('l')} FROM location l
           WHERE l.id IN (SELECT unnest(location_ids) FROM page)),
         roles AS (SELECT r.* FROM practitioner_role r WHERE r.healthcare_service_id IN (SELECT id FROM page)),
         people AS (SELECT pr.* FROM practitioner pr WHERE pr.id IN (SELECT practitioner_id FROM roles))
         SELECT 'total' AS type, NULL::uuid AS id, to_jsonb(total.n) AS row FROM total
         UNION ALL SELECT 'HealthcareService', id, to_jsonb(page) FROM page
         UNION ALL SELECT 'Organization', id, to_jsonb(orgs) FROM orgs
         UNION ALL SELECT 'Location', id, to_jsonb(places) FROM places
         UNION ALL SELECT 'PractitionerRole', id, to_jsonb(roles) FROM roles
         UNION ALL SELECT 'Practitioner', id, to_jsonb(people) FROM people`,
        [p.prefixes[i % p.prefixes.length]],
      ];
    },
  },
];
/** Relative frequency of each query in the mix (reads dominate what consumer services send). */
const MIX = {
  'read-offer': 4,
  'read-location': 4,
  'offers-by-activity-departement': 3,
  'offers-delta-24h': 1,
  'location-near-10km': 2,
  'available-beds-by-region': 1,
  'full-offer-page': 1,
};

// ---------------------------------------------------------------------------------------------------------
// Load loop: `concurrency` workers, each firing the next request as soon as the previous one completes

async function measure(concurrency, seconds, call) {
  const run = async (until, record) => {
    let next = 0;
    const worker = async () => {
      while (performance.now() < until) {
        const i = next++;
        const started = performance.now();
        const ok = await call(i).then(
          () => true,
          (e) => e,
        );
        record(performance.now() - started, ok);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  };
  await run(performance.now() + 1000, () => undefined); // warm-up: connections, caches, JIT
  const latencies = [];
  let errors = 0;
  let firstError = null;
  const started = performance.now();
  await run(started + seconds * 1000, (latency, ok) => {
    if (ok === true) latencies.push(latency);
    else {
      errors++;
      firstError ??= String(ok?.message ?? ok);
    }
  });
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : NaN); // prettier-ignore
  return {
    requests: latencies.length,
    errors,
    firstError,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    throughput: latencies.length / elapsed,
  };
}

function httpClient(concurrency) {
  const timeout = Number(args.timeout) * 1000;
  const pool = new Pool(base.origin, {
    connections: concurrency,
    pipelining: 1,
    keepAliveTimeout: 30_000,
    headersTimeout: timeout,
    bodyTimeout: timeout,
  });
  const get = async (pathAndQuery) => {
    const res = await pool.request({ method: 'GET', path: new URL(pathAndQuery, base).pathname + new URL(pathAndQuery, base).search, headers }); // prettier-ignore
    const body = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${pathAndQuery}: ${body.slice(0, 300)}`);
    return body;
  };
  return { get, close: () => pool.close() };
}

const sqlClient = (concurrency) =>
  new pg.Pool({ connectionString: databaseUrl, max: concurrency, statement_timeout: Number(args.timeout) * 1000 });

// ---------------------------------------------------------------------------------------------------------
// Targets (issue 5), judged on the figures of this run

function verdicts(results, mix) {
  const lines = [];
  const at = (name, c) => results.find((r) => r.name === name && r.concurrency === c);
  const check = (label, value, limit, unit, pass) => lines.push({ target: label, measured: value, limit, unit, pass });
  for (const q of QUERIES) {
    const r1 = at(q.name, 1);
    if (!r1?.http) continue;
    if (q.kind === 'read') check(`${q.name} p50 ≤ 5 ms (c=1)`, r1.http.p50, 5, 'ms', r1.http.p50 <= 5);
    if (q.kind === 'search') check(`${q.name} p95 ≤ 50 ms (c=1)`, r1.http.p95, 50, 'ms', r1.http.p95 <= 50);
    if (q.kind === 'include') check(`${q.name} p95 ≤ 300 ms (c=1)`, r1.http.p95, 300, 'ms', r1.http.p95 <= 300);
  }
  // Per query only: the mix completes a different blend of requests on each side, so its ratio means nothing.
  for (const r of results.filter((x) => x.http && x.sql && x.kind !== 'mix')) {
    const ratio = r.http.p50 / r.sql.p50;
    check(`${r.name} p50 within 3× SQL floor (c=${r.concurrency})`, ratio, 3, '×', ratio <= 3);
  }
  if (mix?.http) check('mix ≥ 500 req/s (c=16)', mix.http.throughput, 500, 'req/s', mix.http.throughput >= 500);
  return lines;
}

const f = (v, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : '—');
function markdown(results, checks, meta) {
  const out = [
    `FHIR benchmark — ${meta.date} — ${meta.machine} — ${meta.baseUrl} — ${meta.seconds} s per measure`,
    '',
    '| Query | c | API p50 ms | API p95 ms | API req/s | SQL p50 ms | SQL p95 ms | SQL req/s | p50 API/SQL | errors |',
    '| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: |',
  ];
  for (const r of results) {
    const h = r.http ?? {};
    const s = r.sql ?? {};
    out.push(
      `| ${r.name} | ${r.concurrency} | ${f(h.p50)} | ${f(h.p95)} | ${f(h.throughput, 0)} | ${f(s.p50)} | ${f(s.p95)} | ${f(s.throughput, 0)} | ${r.http && r.sql ? f(h.p50 / s.p50) + '×' : '—'} | ${(h.errors ?? 0) + (s.errors ?? 0)} |`,
    );
  }
  if (checks.length) {
    out.push('', '| Target | Measured | Result |', '| --- | --: | --- |');
    for (const c of checks) out.push(`| ${c.target} | ${f(c.measured)} ${c.unit} | ${c.pass ? 'pass' : '**miss**'} |`);
  }
  return out.join('\n');
}

function machine() {
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, load average at the end ${load}`;
}

function save(report) {
  const file = args.out ?? path.join('bench', 'results', `${report.mode}-${report.date.replace(/[:.]/g, '-')}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  console.log(`\nJSON results: ${file}`);
}

// ---------------------------------------------------------------------------------------------------------

async function benchmark() {
  if (!databaseUrl) throw new Error('--database-url (or DATABASE_URL) is required: parameters and SQL floors');
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const params = await sampleParameters(db);
  await db.end();
  const only = args.only?.split(',');
  const queries = QUERIES.filter((q) => !only || only.includes(q.name));
  const seconds = Number(args.duration);
  const concurrencies = args.concurrency.split(',').map(Number);
  const results = [];
  const mixResults = [];
  for (const concurrency of concurrencies) {
    const http = args['sql-only'] ? null : httpClient(concurrency);
    const sql = sqlClient(concurrency);
    const runHttp = (q) => (i) => http.get(q.http(params, i));
    const runSql = (q) => (i) => {
      const [text, values] = q.sql(params, i);
      return sql.query(text, values);
    };
    for (const q of queries) {
      const result = { name: q.name, kind: q.kind, concurrency, doc: q.doc, example: q.http(params, 0) };
      if (http) result.http = await measure(concurrency, seconds, runHttp(q));
      result.sql = await measure(concurrency, seconds, runSql(q));
      results.push(result);
      console.log(`${q.name} c=${concurrency}: API p50 ${http ? ms(result.http.p50) : '—'}, SQL p50 ${ms(result.sql.p50)}${result.http?.errors ? ` — ${result.http.errors} errors, first: ${result.http.firstError}` : ''}`); // prettier-ignore
    }
    // The mix: requests drawn by weight, the same sequence for the API and for the floor.
    const weighted = queries.flatMap((q) => Array(MIX[q.name] ?? 1).fill(q));
    const mix = { name: 'mix', kind: 'mix', concurrency };
    if (http) mix.http = await measure(concurrency, seconds, (i) => runHttp(weighted[(i * 7) % weighted.length])(i));
    mix.sql = await measure(concurrency, seconds, (i) => runSql(weighted[(i * 7) % weighted.length])(i));
    mixResults.push(mix);
    results.push(mix);
    await http?.close();
    await sql.end();
  }
  const meta = { date: new Date().toISOString(), machine: machine(), baseUrl: base.href, seconds };
  const checks = verdicts(
    results,
    mixResults.find((m) => m.concurrency === 16),
  );
  console.log(`\n${markdown(results, checks, meta)}`);
  save({ mode: 'fhir', ...meta, params: { since: params.since, regions: params.regions }, results, checks });
}

/** Resident memory (kB) of a process, from /proc; null once it is gone. */
function rssKb(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  } catch {
    return null;
  }
}

async function exportBenchmark() {
  const pid = args['server-pid'];
  let peakKb = pid ? rssKb(pid) : null;
  const sampler = pid
    ? setInterval(() => {
        peakKb = Math.max(peakKb ?? 0, rssKb(pid) ?? 0);
      }, 100)
    : null;
  const started = performance.now();
  const kickoff = await fetch(new URL(`$export?${args['export-query']}`, base), {
    headers: { ...headers, prefer: 'respond-async' },
  });
  if (kickoff.status !== 202) throw new Error(`$export kick-off: ${kickoff.status} ${await kickoff.text()}`);
  const status = kickoff.headers.get('content-location');
  let manifest = null;
  let polls = 0;
  while (!manifest) {
    await sleep(500);
    polls++;
    const res = await fetch(status, { headers });
    if (res.status === 200) manifest = await res.json();
    else if (res.status !== 202) throw new Error(`$export status: ${res.status} ${await res.text()}`);
    else await res.arrayBuffer();
  }
  const ready = performance.now();
  const files = [];
  for (const output of manifest.output ?? []) {
    const res = await fetch(output.url, { headers: { ...headers, accept: 'application/fhir+ndjson' } });
    if (res.status !== 200) throw new Error(`${output.url}: ${res.status}`);
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res.body) {
      bytes += chunk.length;
      // indexOf (native) rather than a byte-by-byte loop: at 4.6 GB, counting in JS took longer than serving.
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
    }
    files.push({ type: output.type, url: output.url, bytes, resources: lines });
  }
  if (sampler) clearInterval(sampler);
  const total = (performance.now() - started) / 1000;
  const byType = {};
  for (const file of files) byType[file.type] = (byType[file.type] ?? 0) + file.resources;
  const report = {
    mode: 'export',
    date: new Date().toISOString(),
    machine: machine(),
    baseUrl: base.href,
    query: args['export-query'],
    seconds: total,
    secondsUntilManifest: (ready - started) / 1000,
    polls,
    files: files.length,
    bytes: files.reduce((s, x) => s + x.bytes, 0),
    resources: byType,
    peakRssMb: peakKb === null ? null : peakKb / 1024,
    checks: [
      { target: '$export ≤ 120 s', measured: total, pass: total <= 120 },
      ...(peakKb === null ? [] : [{ target: 'server peak RSS ≤ 500 MB', measured: peakKb / 1024, pass: peakKb / 1024 <= 500 }]), // prettier-ignore
    ],
  };
  console.log(`$export: ${total.toFixed(1)} s (manifest after ${report.secondsUntilManifest.toFixed(1)} s), ${files.length} files, ${(report.bytes / 2 ** 20).toFixed(0)} MiB`); // prettier-ignore
  for (const [type, count] of Object.entries(byType)) console.log(`  ${type.padEnd(20)} ${count}`);
  for (const c of report.checks) console.log(`${c.target}: ${f(c.measured)} — ${c.pass ? 'pass' : 'MISS'}`);
  save(report);
}

await (args.export ? exportBenchmark() : benchmark());
