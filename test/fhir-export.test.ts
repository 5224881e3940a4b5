import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fhirClients } from './support/fhir.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let client: Awaited<ReturnType<typeof fhirClients>>;
const exportDir = mkdtempSync(path.join(tmpdir(), 'fhir-export-'));
const R30 = 'https://mos.esante.gouv.fr/NOS/TRE_R30-RegionOM/FHIR/TRE-R30-RegionOM';

beforeAll(async () => {
  process.env.FHIR_EXPORT_DIR = exportDir;
  t = await startTestApp();
  client = await fhirClients(t, ['0', '1', '2', '3', '4', '5']);
});
afterAll(() => t.close());

const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, '');

async function runExport(query: string, profile = '1') {
  const kick = await client(profile).get(`/fhir/$export${query}`).set('Prefer', 'respond-async').expect(202);
  const poll = local(kick.headers['content-location']!);
  // A deadline rather than a number of polls: a whole export takes seconds when the machine is busy.
  for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
    const status = await client(profile).get(poll);
    if (status.status === 200) return { poll, manifest: status.body };
    expect(status.status).toBe(202);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('export did not finish');
}

async function lines(url: string, profile = '1') {
  const res = await client(profile)
    .get(local(url))
    .buffer(true)
    .parse((r, cb) => {
      let data = '';
      r.on('data', (c: Buffer) => (data += c.toString()));
      r.on('end', () => cb(null, data));
    });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/ndjson/);
  return (res.body as string)
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

it('exports every type as NDJSON through kick-off, polling and files', async () => {
  const { manifest } = await runExport('');
  expect(manifest.output.map((o: { type: string }) => o.type).sort()).toEqual(
    ['HealthcareService', 'Location', 'Organization', 'Practitioner', 'PractitionerRole'].sort(),
  );
  const orgs = manifest.output.find((o: { type: string }) => o.type === 'Organization');
  const rows = await lines(orgs.url);
  expect(rows).toHaveLength(Number((await t.db.query('SELECT count(*) FROM organization')).rows[0].count));
  expect(rows.every((r) => r.resourceType === 'Organization')).toBe(true);
  // Another client cannot fetch the files.
  await client('2').get(local(orgs.url)).expect(404);
});

// Export and searches share the row loaders and mappers; this guards against the export drifting from them.
it('exports, for every access profile, exactly the resources the API returns to a search', async () => {
  for (const profile of ['0', '1', '2', '3', '4', '5']) {
    const { manifest } = await runExport('', profile);
    let compared = 0;
    for (const output of manifest.output as { type: string; url: string; count: number }[]) {
      const exported = await lines(output.url, profile);
      expect(exported).toHaveLength(output.count);
      for (let i = 0; i < exported.length; i += 50) {
        const chunk = exported.slice(i, i + 50);
        const ids = chunk.map((r) => r.id).join(',');
        const found = await client(profile).get(`/fhir/${output.type}?_id=${ids}&_count=50`).expect(200);
        const byId = new Map(
          (found.body.entry as { resource: { id: string } }[]).map((e) => [e.resource.id, e.resource]),
        );
        for (const resource of chunk) expect(resource).toEqual(byId.get(resource.id));
        compared += chunk.length;
      }
    }
    expect(compared).toBeGreaterThan(50);
  }
}, 300_000);

it('honours _type, _since and the region filter', async () => {
  const { manifest } = await runExport(
    `?_type=HealthcareService&_typeFilter=HealthcareService%3F_tag%3D${encodeURIComponent(`${R30}|03`)}`,
  );
  expect(manifest.output).toHaveLength(1);
  const offers = await lines(manifest.output[0].url);
  expect(offers.length).toBeGreaterThan(0);
  expect(offers.every((o) => o.meta.tag[0].code === '03')).toBe(true);
  const future = new Date(Date.now() + 86_400_000).toISOString();
  const later = await runExport(`?_type=Location&_since=${encodeURIComponent(future)}`);
  expect(later.manifest.output[0].count).toBe(0);
  await client().get('/fhir/$export?_type=Patient').expect(400);
  await client().get('/fhir/$export?_outputFormat=text/csv').expect(400);
});

it('removes the files of expired jobs', async () => {
  const { poll, manifest } = await runExport('?_type=Practitioner');
  const jobId = new URL(`http://x${poll}`).searchParams.get('_jobId')!;
  expect(existsSync(path.join(exportDir, jobId))).toBe(true);
  await t.db.query(`UPDATE fhir_export_job SET expires_at = now() - interval '1 minute' WHERE id = $1`, [jobId]);
  await runExport('?_type=Practitioner'); // a kick-off sweeps expired jobs
  expect(existsSync(path.join(exportDir, jobId))).toBe(false);
  await client().get(poll).expect(404);
  await client().get(local(manifest.output[0].url)).expect(404);
});
