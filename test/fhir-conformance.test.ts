import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { MANDATORY } from '../apps/api/src/fhir/elements.js';
import { fhirClients } from './support/fhir.js';
import { demoIds } from './support/fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * What an independent FHIR client checking the IG's documented queries found wrong (docs/fhir.md), one case
 * each: reference parameters, `:not`, search parameters on practitioners, the IG's spellings, errors and
 * formats, `_elements`, versions and vread, `_content`, and what /fhir/metadata says of them.
 */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let client: Awaited<ReturnType<typeof fhirClients>>;
let ids: Awaited<ReturnType<typeof demoIds>>;
const NOS = (table: string) => `https://mos.esante.gouv.fr/NOS/${table}/FHIR/${table.replace('_', '-')}`;
const R211 = NOS('TRE_R211-ActiviteOperationnelle');
const R213 = NOS('TRE_R213-ModePriseEnCharge');
const R212 = NOS('TRE_R212-Equipement');
const R30 = NOS('TRE_R30-RegionOM');
const SUBSETTED = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED' };

beforeAll(async () => {
  t = await startTestApp();
  client = await fhirClients(t, ['1', '1;84', '1;03']);
  ids = await demoIds(t.db);
});
afterAll(() => t.close());

const get = (url: string, profile = '1') => client(profile).get(url);
const matches = (bundle: Json): Json[] =>
  (bundle.entry ?? []).filter((e: Json) => e.search?.mode === 'match').map((e: Json) => e.resource);
const matchIds = async (url: string, profile = '1') =>
  matches((await get(url, profile).expect(200)).body).map((r) => r.id);
const column = async (sql: string, params: unknown[] = []) =>
  (await t.db.query(sql, params)).rows.map((r) => Object.values(r)[0] as string).sort();

describe('reference parameters used directly (not chained)', () => {
  it('match the referenced id, as `id`, `Type/id` or an absolute URL, and never answer 500', async () => {
    const offersOfOi = await column('SELECT id::text FROM healthcare_service WHERE organization_id = $1', [
      ids.oiCardio,
    ]);
    expect(offersOfOi).toContain(ids.offer);
    for (const value of [ids.oiCardio, `Organization/${ids.oiCardio}`, `${t.url}/fhir/Organization/${ids.oiCardio}`])
      expect((await matchIds(`/fhir/HealthcareService?organization=${encodeURIComponent(value)}`)).sort()).toEqual(
        offersOfOi,
      );
    expect(await matchIds(`/fhir/HealthcareService?location=${ids.location}`)).toContain(ids.offer);
    expect(await matchIds(`/fhir/Organization?partof=${ids.ej}`)).toEqual([ids.eg]);
    expect(await matchIds(`/fhir/PractitionerRole?service=HealthcareService/${ids.offer}`)).toHaveLength(1);
    const roles = await column('SELECT id::text FROM practitioner_role WHERE practitioner_id = $1', [ids.practitioner]);
    expect(await matchIds(`/fhir/PractitionerRole?practitioner=${ids.practitioner}`)).toEqual(roles);
    const places = await column('SELECT id::text FROM location WHERE organization_id = $1', [ids.eg]);
    expect((await matchIds(`/fhir/Location?organization=${ids.eg}`)).sort()).toEqual(places);
    expect(await matchIds('/fhir/HealthcareService?organization=not-an-id')).toEqual([]);
  });

  it('`organization:above=<EJ>` = the offers of the EJ and of every organisation below it', async () => {
    const below = (await get(`/fhir/HealthcareService?organization:above.identifier=010780054&_count=1000`)).body;
    const direct = await matchIds(`/fhir/HealthcareService?organization:above=${ids.ej}&_count=1000`);
    expect(direct.sort()).toEqual(
      matches(below)
        .map((r) => r.id)
        .sort(),
    );
    expect(direct).toContain(ids.offer);
  });
});

describe(':not on tokens', () => {
  const total = async (url: string) => (await get(`${url}&_summary=count`).expect(200)).body.total as number;

  it('keeps the resources that lack the element or have another value (FHIR: all but the matching ones)', async () => {
    const all = await total('/fhir/HealthcareService?');
    for (const criterion of [`specialty=${R211}|013`, `characteristic=${R213}|28`, `service-category=${R211}|013`]) {
      const [name, value] = criterion.split('=') as [string, string];
      const yes = await total(`/fhir/HealthcareService?${criterion}`);
      expect(await total(`/fhir/HealthcareService?${name}:not=${value}`)).toBe(all - yes);
    }
    const orgs = await total('/fhir/Organization?');
    expect(await total('/fhir/Organization?identifier:not=010000024')).toBe(orgs - 1);
    expect(await total(`/fhir/HealthcareService?organization:above.identifier:not=999999999`)).toBe(all);
    // `_filter` ne and not(…) follow the same rule.
    expect(await total(`/fhir/HealthcareService?_filter=${encodeURIComponent(`specialty ne ${R211}|013`)}`)).toBe(
      all - (await total(`/fhir/HealthcareService?specialty=${R211}|013`)),
    );
    expect(await total(`/fhir/HealthcareService?_filter=${encodeURIComponent(`not(service-category eq a|b)`)}`)).toBe(
      all,
    );
  });
});

describe('practitioners by region', () => {
  it('`_tag` finds practitioners through the region of their situations; region-limited clients see theirs', async () => {
    expect(await matchIds(`/fhir/Practitioner?_tag=${R30}|84&_count=1000`)).toContain(ids.practitioner);
    expect(await matchIds(`/fhir/Practitioner?_tag=${R30}|03&_count=1000`)).not.toContain(ids.practitioner);
    expect(await matchIds('/fhir/Practitioner?_count=1000', '1;84')).toContain(ids.practitioner);
    expect(await matchIds('/fhir/Practitioner?_count=1000', '1;03')).not.toContain(ids.practitioner);
  });
});

describe('spellings of the IG and lenient values', () => {
  it('`location:equipment-type` (the capacity page’s spelling) is the chain `location.equipment-type`', async () => {
    await t.db.query(
      `INSERT INTO healthcare_service_location VALUES ($1, (SELECT location_id FROM equipment LIMIT 1))`,
      [ids.offer],
    );
    const chained = await matchIds(`/fhir/HealthcareService?location.equipment-type=${R212}|054`);
    expect(chained).toContain(ids.offer);
    expect(await matchIds(`/fhir/HealthcareService?location:equipment-type=${R212}|054`)).toEqual(chained);
  });

  it('a dateTime whose `+` offset arrived as a space (unencoded URL) is read as `+`', async () => {
    const res = await get('/fhir/HealthcareService?_lastUpdated=ge2020-01-01T00:00:00+01:00').expect(200);
    expect(res.body.total).toBeGreaterThan(0);
  });

  it('drop-zone accepts only true or false', async () => {
    await get('/fhir/Organization?drop-zone=true').expect(200);
    const res = await get('/fhir/Organization?drop-zone=maybe').expect(400);
    expect(res.body.resourceType).toBe('OperationOutcome');
  });
});

describe('errors and formats', () => {
  it('a FHIRPath Patch (Parameters body) is a write: 405, not a type mismatch', async () => {
    const res = await client('1')
      .patch(`/fhir/Location/${ids.location}`)
      .set('Content-Type', 'application/fhir+json')
      .send(JSON.stringify({ resourceType: 'Parameters', parameter: [] }))
      .expect(405);
    expect(res.body.issue[0].code).toBe('not-supported');
  });

  it('a URL with raw (not percent-encoded) accents gets a 400 OperationOutcome, not a bare Node answer', async () => {
    const { hostname, port } = new URL(t.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), hostname, () =>
        socket.write(Buffer.from('GET /fhir/HealthcareService?name=gériatrie HTTP/1.1\r\nHost: x\r\n\r\n')),
      );
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toMatch(/content-type: application\/fhir\+json/i);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).resourceType).toBe('OperationOutcome');
  });

  it('XML asked by _format or Accept gets 406 (JSON only); JSON, NDJSON and */* are served', async () => {
    for (const format of ['xml', 'application/fhir+xml', 'text/xml']) {
      const res = await get(`/fhir/metadata?_format=${encodeURIComponent(format)}`).expect(406);
      expect(res.body.resourceType).toBe('OperationOutcome');
      expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    }
    await get('/fhir/Location').set('Accept', 'application/fhir+xml').expect(406);
    for (const accept of [
      'application/fhir+json',
      'application/json',
      '*/*',
      'application/fhir+xml, application/json;q=0.5',
    ])
      await get('/fhir/Location').set('Accept', accept).expect(200);
    for (const format of ['json', 'application/fhir+json']) await get(`/fhir/metadata?_format=${format}`).expect(200);
  });
});

describe('_elements', () => {
  const offerUrl = () => `/fhir/HealthcareService/${ids.offer}`;

  it('on read: the listed elements, the mandatory ones of the profile, and the SUBSETTED tag', async () => {
    const full = (await get(offerUrl()).expect(200)).body;
    expect(full.meta.tag).not.toContainEqual(expect.objectContaining(SUBSETTED));
    const r = (await get(`${offerUrl()}?_elements=name,location`).expect(200)).body;
    expect(r.meta.tag).toContainEqual(expect.objectContaining(SUBSETTED));
    expect(r.meta.lastUpdated).toBe(full.meta.lastUpdated);
    for (const k of ['id', 'name', 'location', 'identifier', 'providedBy', 'type', 'specialty', 'characteristic'])
      expect(r[k]).toEqual(full[k]);
    for (const k of ['availableTime', 'comment', 'notAvailable']) expect(r[k]).toBeUndefined();
    // Only the mandatory extensions stay (sensitive unit, patient type, creation date), not the contacts.
    expect(r.extension.map((x: Json) => x.url.split('/').pop()).sort()).toEqual([
      'ror-healthcareservice-patient-type',
      'ror-healthcareservice-sensitive-unit',
      'ror-meta-creation-date',
    ]);
  });

  it('on search: applies to the matches (and to included types named `Type.element`), no longer reported as ignored', async () => {
    const b = (
      await get(
        `/fhir/HealthcareService?_id=${ids.offer}&_elements=name,Organization.name&_include=HealthcareService:organization&_include=HealthcareService:location`,
      ).expect(200)
    ).body;
    expect(b.entry.some((e: Json) => e.search.mode === 'outcome')).toBe(false);
    const [offer] = matches(b);
    expect(offer.name).toBeDefined();
    expect(offer.availableTime).toBeUndefined();
    const included = b.entry.filter((e: Json) => e.search.mode === 'include').map((e: Json) => e.resource);
    const org = included.find((r: Json) => r.resourceType === 'Organization');
    expect(org.meta.tag).toContainEqual(expect.objectContaining(SUBSETTED));
    expect(org.identifier).toBeUndefined();
    const place = included.find((r: Json) => r.resourceType === 'Location');
    expect(place.meta.tag ?? []).not.toContainEqual(expect.objectContaining(SUBSETTED));
    expect(place.identifier).toBeDefined();
  });

  it('keeps exactly what the ROR profiles make mandatory (min ≥ 1 in the profile summary)', () => {
    const summary = JSON.parse(readFileSync('data/fhir/ror-profiles-summary-0.7.0.json', 'utf8'));
    for (const [type, kept] of Object.entries(MANDATORY)) {
      const profile = summary.profiles.find((p: Json) => p.url.endsWith(`/ror-${type.toLowerCase()}`));
      const required = profile.elements.filter((e: Json) => !e.path.includes('.') && /^[1-9]/.test(e.card ?? ''));
      const elements = required.filter((e: Json) => !e.path.includes(':')).map((e: Json) => e.path);
      const extensions = required.filter((e: Json) => e.path.startsWith('extension:')).map((e: Json) => e.extension);
      expect(elements.filter((e: string) => e !== 'extension').sort()).toEqual([...kept.elements].sort());
      expect(
        kept.extensions.map((x) => `https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/${x}`).sort(),
      ).toEqual(extensions.sort());
    }
  });

  it('refuses malformed element names', async () => {
    expect((await get(`${offerUrl()}?_elements=name;drop`).expect(400)).body.resourceType).toBe('OperationOutcome');
  });
});

describe('versions', () => {
  it('meta.versionId, ETag; vread serves the current version, says older ones are not kept', async () => {
    const read = await get(`/fhir/Location/${ids.location}`).expect(200);
    const vid: string = read.body.meta.versionId;
    expect(vid).toMatch(/^\d+$/);
    expect(read.headers.etag).toBe(`W/"${vid}"`);
    expect(new Date(read.headers['last-modified']!).getTime()).toBe(
      Math.floor(new Date(read.body.meta.lastUpdated).getTime() / 1000) * 1000,
    );
    const vread = await get(`/fhir/Location/${ids.location}/_history/${vid}`).expect(200);
    expect(vread.body).toEqual(read.body);
    // A capacity change is a new version of the place, although the row's form lock (version) stays.
    await t.db.query(`UPDATE capacity SET count = count + 1 WHERE location_id = $1`, [ids.location]);
    const after = (await get(`/fhir/Location/${ids.location}`).expect(200)).body;
    expect(after.meta.versionId).not.toBe(vid);
    const older = await get(`/fhir/Location/${ids.location}/_history/${vid}`).expect(410);
    expect(older.body.issue[0].diagnostics).toMatch(/version courante/);
    await get(`/fhir/Location/${ids.location}/_history/99999999999999999`).expect(404);
    await get(`/fhir/Location/${ids.location}/_history/abc`).expect(404);
    await get(`/fhir/Location/00000000-0000-4000-8000-000000000000/_history/1`).expect(404);
    const history = (await get(`/fhir/Location/${ids.location}/_history`).expect(200)).body;
    expect(history.entry[0].resource.meta.versionId).toBe(after.meta.versionId);
  });
});

describe('_content', () => {
  it('searches the text of offers and places too', async () => {
    expect(await matchIds('/fhir/HealthcareService?_content=cardiologie')).toContain(ids.offer);
    expect(await matchIds('/fhir/HealthcareService?_content=zzzz')).toEqual([]);
    expect(await matchIds('/fhir/Location?_content=viriat')).toContain(ids.location);
  });
});

describe('profile slices', () => {
  it('every situation with a spécialité ordinale carries its savoir-faire type (specialty:expertiseType 1..1)', async () => {
    const R04 = NOS('TRE_R04-TypeSavoirFaire');
    const roles = matches((await get('/fhir/PractitionerRole?_count=1000').expect(200)).body);
    const withSpecialty = roles.filter((r) =>
      r.specialty?.some((s: Json) => s.coding[0].system === NOS('TRE_R38-SpecialiteOrdinale')),
    );
    expect(withSpecialty.length).toBeGreaterThan(0);
    for (const r of withSpecialty)
      expect(r.specialty.filter((s: Json) => s.coding[0].system === R04).map((s: Json) => s.coding[0].code)).toEqual([
        'S',
      ]);
  });
});

describe('/fhir/metadata states what is supported', () => {
  it('lists _filter and _has per resource as the consumer statement does, _elements, _content, vread', async () => {
    const consumer = JSON.parse(readFileSync('data/fhir/CapabilityStatement-ror-consommateur.json', 'utf8'));
    const ours = (await get('/fhir/metadata').expect(200)).body;
    const byType = new Map<string, Json>(ours.rest[0].resource.map((r: Json) => [r.type, r]));
    const missing: string[] = [];
    for (const r of consumer.rest[0].resource.filter((r: Json) => r.type !== 'Task'))
      for (const p of r.searchParam ?? [])
        if (!byType.get(r.type)!.searchParam.some((s: Json) => s.name === p.name)) missing.push(`${r.type}.${p.name}`);
    expect(missing).toEqual([]);
    for (const r of byType.values()) {
      expect(r.interaction.map((i: Json) => i.code)).toContain('vread');
      expect(r.versioning).toBe('versioned');
      expect(r.readHistory).toBe(false);
    }
    for (const type of ['HealthcareService', 'Location', 'Organization'])
      expect(byType.get(type)!.searchParam.map((p: Json) => p.name)).toContain('_content');
    expect(ours.rest[0].searchParam.map((p: Json) => p.name)).toContain('_elements');
  });
});
