import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import JSONSchemaValidator from '@asymmetrik/fhir-json-schema-validator';
import { readFileSync } from 'node:fs';
import { fhirClients } from './support/fhir.js';
import { demoIds } from './support/fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let client: Awaited<ReturnType<typeof fhirClients>>;
let ids: Awaited<ReturnType<typeof demoIds>>;
const FULL_OFFER =
  '/fhir/HealthcareService?_include=HealthcareService:organization&_include:iterate=Organization:partof&_include=HealthcareService:location&_revinclude=PractitionerRole:service&_include=PractitionerRole:practitioner';
const ZERO = '00000000-0000-4000-8000-000000000000';
/** A cursor standing after the 10,000th result: the IG's cap on ordinary searches. */
const PAST_CAP = Buffer.from(JSON.stringify({ v: [ZERO, ZERO], n: 10_000 })).toString('base64url');
const R330 = 'https://mos.esante.gouv.fr/NOS/TRE_R330-TypeStatutCapacite/FHIR/TRE-R330-TypeStatutCapacite';
const R211 = 'https://mos.esante.gouv.fr/NOS/TRE_R211-ActiviteOperationnelle/FHIR/TRE-R211-ActiviteOperationnelle';
const R329 = 'https://mos.esante.gouv.fr/NOS/TRE_R329-NatureCapacite/FHIR/TRE-R329-NatureCapacite';
const R331 = 'https://mos.esante.gouv.fr/NOS/TRE_R331-TemporaliteCapacite/FHIR/TRE-R331-TemporaliteCapacite';

beforeAll(async () => {
  t = await startTestApp();
  client = await fhirClients(t, ['0', '1', '2', '3', '4', '5', '1;03', '1;84']);
  ids = await demoIds(t.db);
});
afterAll(() => t.close());

const get = (url: string, profile = '1') => client(profile).get(url);
const resources = (bundle: Json, mode?: string): Json[] =>
  (bundle.entry ?? []).filter((e: Json) => !mode || e.search?.mode === mode).map((e: Json) => e.resource);

describe('conformance of every resource returned for the demo data', () => {
  const summary = JSON.parse(readFileSync('data/fhir/ror-profiles-summary-0.7.0.json', 'utf8'));
  const validator = new JSONSchemaValidator();
  // Systems that are not value-set bound codes (identifier types, region tag, units, territorial types, COG).
  const UNBOUND = /TRE_(G07|R345|R354|R355|R30|R247|R201|R13)-/;

  async function checkResource(r: Json): Promise<string[]> {
    const problems: string[] = validator
      .validate(r)
      .map((e: unknown) => `${r.resourceType}/${r.id}: ${JSON.stringify(e)}`);
    const profile = summary.profiles.find((p: Json) => p.url === r.meta?.profile?.[0]);
    if (!profile) return [...problems, `${r.resourceType}/${r.id}: meta.profile ${r.meta?.profile}`];
    if (!r.meta.lastUpdated) problems.push(`${r.id}: meta.lastUpdated`);
    for (const tag of r.meta.tag ?? [])
      if (tag.system !== 'https://mos.esante.gouv.fr/NOS/TRE_R30-RegionOM/FHIR/TRE-R30-RegionOM')
        problems.push(`${r.id}: tag`);
    const extensionElements = profile.elements.filter((e: Json) => /^extension:/.test(e.path) && e.extension);
    const known = new Set(extensionElements.map((e: Json) => e.extension));
    for (const e of extensionElements) {
      const n = (r.extension ?? []).filter((x: Json) => x.url === e.extension).length;
      const [min, max] = (e.card ?? '0..*').split('..');
      if (n < Number(min) || (max !== '*' && n > Number(max))) problems.push(`${r.id}: ${e.path} ×${n} (${e.card})`);
    }
    for (const x of r.extension ?? []) {
      if (
        !known.has(x.url) &&
        !x.url.startsWith('http://hl7.org/fhir/StructureDefinition/') &&
        !x.url.includes('annuaire')
      )
        problems.push(`${r.id}: extension inconnue du profil ${x.url}`);
    }
    for (const e of profile.elements.filter(
      (e: Json) => !e.path.includes(':') && !e.path.includes('.') && e.card?.startsWith('1'),
    ))
      if (r[e.path] === undefined) problems.push(`${r.id}: ${e.path} obligatoire`);
    // Every NOS code must belong to a value set (JDV) loaded from the NOS.
    const codings: Json[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        const o = v as Json;
        if (typeof o.system === 'string' && typeof o.code === 'string' && o.system.includes('/NOS/TRE_'))
          codings.push(o);
        Object.values(o).forEach(walk);
      }
    };
    walk(r);
    for (const c of codings.filter((c) => !UNBOUND.test(c.system))) {
      const found = await t.db.query(
        `SELECT 1 FROM nomenclature_concept nc JOIN nomenclature_version v ON v.id = nc.version_id
         WHERE v.kind = 'ValueSet' AND v.is_current AND nc.system = $1 AND nc.code = $2 LIMIT 1`,
        [c.system, c.code],
      );
      if (found.rowCount === 0) problems.push(`${r.id}: code ${c.system}|${c.code} hors des JDV`);
    }
    return problems;
  }

  it('the validator does reject invalid resources', () => {
    expect(validator.validate({ resourceType: 'Location', status: 'open', position: { latitude: 'x' } })).not.toEqual(
      [],
    );
  });

  it('validates against the FHIR R4 schema and the ROR profile rules', async () => {
    const all: Json[] = [];
    for (const url of [
      FULL_OFFER,
      '/fhir/Location',
      '/fhir/Organization',
      '/fhir/Practitioner',
      '/fhir/PractitionerRole',
    ]) {
      const res = await get(url).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
      expect(validator.validate(res.body)).toEqual([]);
      all.push(...resources(res.body));
    }
    expect(new Set(all.map((r) => r.resourceType))).toEqual(
      new Set(['HealthcareService', 'Organization', 'Location', 'Practitioner', 'PractitionerRole']),
    );
    const problems = (await Promise.all(all.map(checkResource))).flat();
    expect(problems).toEqual([]);
  });

  it('metadata lists every search parameter of the ror-consommateur CapabilityStatement', async () => {
    const consumer = JSON.parse(readFileSync('data/fhir/CapabilityStatement-ror-consommateur.json', 'utf8'));
    const res = await get('/fhir/metadata').expect(200);
    expect(res.body.fhirVersion).toBe('4.0.1');
    // The bundled fhir.schema.json predates the 4.0.1 technical correction and only knows 4.0.0.
    expect(validator.validate({ ...res.body, fhirVersion: '4.0.0' })).toEqual([]);
    const ours = new Map<string, Set<string>>(
      res.body.rest[0].resource.map((r: Json) => [r.type, new Set(r.searchParam.map((p: Json) => p.name))]),
    );
    const missing: string[] = [];
    for (const r of consumer.rest[0].resource.filter((r: Json) => r.type !== 'Task'))
      for (const p of r.searchParam ?? [])
        if (!['_has', '_filter'].includes(p.name) && !ours.get(r.type)?.has(p.name))
          missing.push(`${r.type}.${p.name}`);
    expect(missing).toEqual([]);
  });
});

describe('search', () => {
  it('returns the complete full-offer graph: offers, their organisations up to the EJ, places, roles, practitioners', async () => {
    const b = (await get(FULL_OFFER).expect(200)).body;
    const offers = resources(b, 'match');
    expect(offers).toHaveLength(b.total);
    const included = resources(b, 'include');
    const byType = (type: string) => new Set(included.filter((r) => r.resourceType === type).map((r) => r.id));
    for (const o of offers) {
      expect(byType('Organization').has(o.providedBy.reference.split('/')[1])).toBe(true);
      for (const l of o.location ?? []) expect(byType('Location').has(l.reference.split('/')[1])).toBe(true);
    }
    for (const org of included.filter((r) => r.resourceType === 'Organization' && r.partOf))
      expect(byType('Organization').has(org.partOf.reference.split('/')[1])).toBe(true);
    expect(byType('Organization').has(ids.ej)).toBe(true);
    const roles = await t.db.query('SELECT count(*) FROM practitioner_role WHERE healthcare_service_id IS NOT NULL');
    expect(byType('PractitionerRole').size).toBe(Number(roles.rows[0].count));
    expect(byType('Practitioner').has(ids.practitioner)).toBe(true);
  });

  it('filters by token, chained location capacity (same indicator), :above hierarchy, _has and _filter', async () => {
    const cardio = (await get(`/fhir/HealthcareService?specialty=${R211}|013`).expect(200)).body;
    expect(resources(cardio).map((r) => r.id)).toContain(ids.offer);
    expect((await get(`/fhir/HealthcareService?specialty=${R211}|999`).expect(200)).body.total).toBe(0);
    const installed = (
      await get(`/fhir/HealthcareService?location.capacity-status=${R330}|01&location.nb-capacity=gt29`)
    ).body;
    expect(resources(installed).map((r) => r.id)).toContain(ids.offer);
    const none = (await get(`/fhir/HealthcareService?location.capacity-status=${R330}|01&location.nb-capacity=gt1000`))
      .body;
    expect(none.total).toBe(0);
    const ej = (await get('/fhir/HealthcareService?organization.identifier:above=010780054&_summary=count')).body;
    const ej2 = (await get('/fhir/HealthcareService?organization:above.identifier=010780054&_summary=count')).body;
    expect(ej.total).toBeGreaterThan(0);
    expect(ej2.total).toBe(ej.total);
    expect((await get('/fhir/HealthcareService?organization.identifier=010780054')).body.total).toBe(0);
    const has = (
      await get('/fhir/HealthcareService?_has:PractitionerRole:service:practitioner.identifier=810000000014')
    ).body;
    expect(resources(has).map((r) => r.id)).toEqual([ids.offer]);
    const future = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect((await get(`/fhir/HealthcareService?_lastUpdated=ge${future}`)).body.total).toBe(0);
    // A change to the parent organisation makes the offer part of the delta through _filter.
    await t.db.query(`UPDATE organization SET updated_at = now() + interval '2 days' WHERE id = $1`, [ids.ej]);
    const delta = (
      await get(
        `/fhir/HealthcareService?_filter=(_lastUpdated ge ${future} or organization:above._lastUpdated ge ${future})`,
      )
    ).body;
    expect(resources(delta).map((r) => r.id)).toContain(ids.offer);
  });

  it('includes the offers held by the places found (capacity sync query)', async () => {
    const b = (await get('/fhir/Location?_revinclude=HealthcareService:location').expect(200)).body;
    const offers = resources(b, 'include').filter((r) => r.resourceType === 'HealthcareService');
    expect(offers.map((o) => o.id)).toContain(ids.offer);
    const placeIds = new Set(resources(b, 'match').map((r) => r.id));
    for (const o of offers) expect(o.location.some((l: Json) => placeIds.has(l.reference.split('/')[1]))).toBe(true);
  });

  it('sorts places by distance with `near` and returns the distance', async () => {
    const b = (await get('/fhir/Location?near=46.2|5.2|50|km').expect(200)).body;
    const d = b.entry.map((e: Json) => e.search.extension[0].valueDistance.value);
    expect(d.length).toBeGreaterThan(0);
    expect([...d].sort((x, y) => x - y)).toEqual(d);
    expect((await get('/fhir/Location?near=4.9|-52.3|1|km')).body.total).toBe(0);
  });

  it('pages with keyset cursors: next/previous stay correct when rows are added between pages', async () => {
    const first = (await get('/fhir/Organization?_count=3').expect(200)).body;
    expect(first.total).toBe(Number((await t.db.query('SELECT count(*) FROM organization')).rows[0].count));
    const next = first.link.find((l: Json) => l.relation === 'next').url.replace(/^https?:\/\/[^/]+/, '');
    // A new organisation sorting before the cursor must not shift the next page.
    await t.db.query(
      `INSERT INTO organization (id, kind, name) VALUES ('00000000-0000-4000-8000-000000000000', 'EJ', 'Nouvelle')`,
    );
    const second = (await get(next).expect(200)).body;
    const seen = [...resources(first), ...resources(second)].map((r) => r.id);
    expect(new Set(seen).size).toBe(6);
    const prev = second.link.find((l: Json) => l.relation === 'previous').url.replace(/^https?:\/\/[^/]+/, '');
    expect(resources((await get(prev).expect(200)).body).map((r: Json) => r.id)).toEqual(
      resources(first).map((r) => r.id),
    );
  });

  it('reports unknown parameters, refuses them with Prefer: handling=strict', async () => {
    const lenient = (await get('/fhir/HealthcareService?colour=blue').expect(200)).body;
    const outcome = lenient.entry.find((e: Json) => e.search.mode === 'outcome').resource;
    expect(outcome.issue[0].diagnostics).toMatch(/colour/);
    const strict = await get('/fhir/HealthcareService?colour=blue').set('Prefer', 'handling=strict').expect(400);
    expect(strict.body.resourceType).toBe('OperationOutcome');
  });
});

describe('errors are OperationOutcomes, never 500', () => {
  it.each([
    ['/fhir/HealthcareService?_count=5000', 400],
    ['/fhir/HealthcareService?_lastUpdated=ge2024-13-45', 400],
    ['/fhir/HealthcareService?age-range-low=abc', 400],
    ["/fhir/HealthcareService?name=x');DROP TABLE organization;--", 200],
    ["/fhir/HealthcareService?_id=1' OR '1'='1", 200],
    ['/fhir/HealthcareService?_cursor=garbage', 400],
    [`/fhir/HealthcareService?_cursor=${PAST_CAP}`, 400],
    ['/fhir/HealthcareService?_sort=colour', 400],
    ['/fhir/HealthcareService?_filter=(name eq', 400],
    ['/fhir/HealthcareService?name:fuzzy=x', 400],
    ['/fhir/HealthcareService/not-a-uuid', 404],
    ['/fhir/HealthcareService/00000000-0000-4000-8000-000000000001', 404],
    ['/fhir/Patient/1', 404],
    ['/fhir/Location?near=95|500|1|km', 400],
  ])('%s → %i', async (url, status) => {
    const res = await get(url).expect(status);
    expect(res.body.resourceType).toBe(status === 200 ? 'Bundle' : 'OperationOutcome');
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
  });

  it.each([
    ['no API client', undefined, 401],
    ['a resource of another type', JSON.stringify({ resourceType: 'Patient' }), 400],
    ['malformed JSON', '{"resourceType": ', 400],
    ['a write (read-only API)', JSON.stringify({ resourceType: 'Location' }), 405],
  ])('%s → %i OperationOutcome', async (_case, body, status) => {
    const agent = body === undefined ? t.anonymous() : client('1');
    const res = await agent
      .post('/fhir/Location')
      .set('Content-Type', 'application/fhir+json')
      .send(body ?? '{}');
    expect(res.status).toBe(status);
    expect(res.body.resourceType).toBe('OperationOutcome');
  });
});

describe('history', () => {
  it('shows the current version and deletions (tombstones) since a date', async () => {
    const h = (await get(`/fhir/Location/${ids.location}/_history`).expect(200)).body;
    expect(h.type).toBe('history');
    expect(h.entry[0].resource.id).toBe(ids.location);
    const api = await t.as('admin');
    const created = await api.post('/api/practitioners').send({ rppsId: '810000000099', lastName: 'TEMP' }).expect(201);
    await api.delete(`/api/practitioners/${created.body.id}`).set('If-Match', '1');
    const gone = await get(`/fhir/Practitioner/${created.body.id}`);
    if (gone.status === 410) {
      const th = (await get('/fhir/Practitioner/_history?_since=2020-01-01')).body;
      expect(th.entry.some((e: Json) => e.request.method === 'DELETE' && e.request.url.endsWith(created.body.id))).toBe(
        true,
      );
    } else expect(gone.status).toBe(200); // deletion refused by the admin API: nothing to show
  });
});

describe('access profiles', () => {
  const contactLevels = (r: Json) =>
    (r.extension ?? [])
      .filter((x: Json) => x.url.endsWith('ror-healthcareservice-contact'))
      .flatMap((x: Json) => x.extension.filter((s: Json) => s.url.endsWith('ror-confidentiality-level')))
      .map((s: Json) => s.valueCodeableConcept.coding[0].code);
  const capacities = (r: Json) =>
    (r.extension ?? []).filter((x: Json) => x.url.endsWith('ror-location-supported-capacity'));

  it.each(['0', '1', '2', '3', '4', '5'])('profile %s sees what its rules allow', async (profile) => {
    const offers = resources((await get('/fhir/HealthcareService', profile).expect(200)).body);
    const levels = offers.flatMap(contactLevels);
    const allowed: Record<string, string[]> = {
      '0': ['1'],
      '1': ['1', '2', '3'],
      '2': ['1', '2'],
      '3': ['1', '2'],
      '4': [],
      '5': ['1', '2'],
    };
    for (const l of levels) expect(allowed[profile]).toContain(l);
    if (profile === '4') expect(levels).toEqual([]);
    const place = (await get(`/fhir/Location/${ids.location}`, profile).expect(200)).body;
    if (profile === '5') expect(capacities(place)).toEqual([]);
    if (profile === '1' || profile === '4') expect(capacities(place).length).toBeGreaterThan(0);
    const practitioner = (await get(`/fhir/Practitioner/${ids.practitioner}`, profile).expect(200)).body;
    expect(practitioner.name === undefined).toBe(profile === '4');
  });

  it('hides sensitive units from profiles other than 1 and 4, and other regions', async () => {
    await t.db.query(`UPDATE healthcare_service SET sensitive_unit = true WHERE id = $1`, [ids.offer]);
    await get(`/fhir/HealthcareService/${ids.offer}`, '2').expect(404);
    await get(`/fhir/HealthcareService/${ids.offer}`, '4').expect(200);
    await t.db.query(`UPDATE healthcare_service SET sensitive_unit = false WHERE id = $1`, [ids.offer]);
    await get(`/fhir/HealthcareService/${ids.offer}`, '1;03').expect(404);
    await get(`/fhir/HealthcareService/${ids.offer}`, '1;84').expect(200);
  });
});

describe('search columns kept current by triggers (migration 1764500000000)', () => {
  const offersIn = async (postalCode: string, profile = '1') =>
    resources(
      (await get(`/fhir/HealthcareService?location.address-postalcode=${postalCode}&_count=1000`, profile).expect(200))
        .body,
    ).map((r) => r.id);
  const placeVisible = async (id: string, profile: string) =>
    resources((await get(`/fhir/Location?_id=${id}`, profile).expect(200)).body).length === 1;

  it('département searches follow a place moved to another postal code, and links added or removed', async () => {
    const { rows } = await t.db.query(`SELECT address->>'postalCode' AS pc FROM location WHERE id = $1`, [
      ids.location,
    ]);
    const pc: string = rows[0].pc;
    // Stored lengths (2, 3, 5) and the join kept for other lengths agree.
    for (const prefix of [pc.slice(0, 2), pc.slice(0, 3), pc.slice(0, 4), pc]) expect(await offersIn(prefix)).toContain(ids.offer); // prettier-ignore
    expect(await offersIn('975')).not.toContain(ids.offer);

    await t.db.query(`UPDATE location SET address = jsonb_set(address, '{postalCode}', '"97500"') WHERE id = $1`, [ids.location]); // prettier-ignore
    for (const prefix of ['975', '9750', '97500']) expect(await offersIn(prefix)).toContain(ids.offer);
    await t.db.query(`UPDATE location SET address = jsonb_set(address, '{postalCode}', to_jsonb($2::text)) WHERE id = $1`, [ids.location, pc]); // prettier-ignore
    expect(await offersIn('975')).not.toContain(ids.offer);
    expect(await offersIn(pc)).toContain(ids.offer);

    const place = (
      await t.db.query(
        `INSERT INTO location (name, status, commune_code, organization_id, address)
         VALUES ('Antenne de test', '{"code": "3"}', '01451', $1, '{"postalCode": "97500", "city": "Saint-Pierre"}') RETURNING id`,
        [ids.eg],
      )
    ).rows[0].id as string;
    await t.db.query(`INSERT INTO healthcare_service_location VALUES ($1, $2)`, [ids.offer, place]);
    expect(await offersIn('97')).toContain(ids.offer);
    expect(await offersIn(pc.slice(0, 2))).toContain(ids.offer);
    await t.db.query(`DELETE FROM healthcare_service_location WHERE location_id = $1`, [place]);
    expect(await offersIn('97')).not.toContain(ids.offer);
    await t.db.query(`DELETE FROM location WHERE id = $1`, [place]);
  });

  /** An open place of the demo EG in commune 01451, for tests that change what it holds. */
  const testPlace = async (name: string): Promise<string> =>
    (
      await t.db.query(
        `INSERT INTO location (name, status, commune_code, organization_id) VALUES ($1, '{"code": "3"}', '01451', $2) RETURNING id`,
        [name, ids.eg],
      )
    ).rows[0].id as string;

  it('capacity searches follow indicators added, changed and removed (place capacity keys, migration 1764800000000)', async () => {
    const place = await testPlace('Lits de test');
    const coding = (table: string, code: string) =>
      JSON.stringify({ system: `https://mos.esante.gouv.fr/NOS/${table}/FHIR/${table.replace('_', '-')}`, code });
    const addIndicator = async (status: string, count: number) =>
      (
        await t.db.query(
          `INSERT INTO capacity (location_id, nature, status, temporality, temporary_assignment, count, source, observed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, now()) RETURNING id`,
          [place, coding('TRE_R329-NatureCapacite', '01'), coding('TRE_R330-TypeStatutCapacite', status), coding('TRE_R331-TemporaliteCapacite', '01'), coding('TRE_R337-AffectationTemporaire', '01'), count, coding('TRE_R335-TypeSourceCapacite', '01')], // prettier-ignore
        )
      ).rows[0].id as string;
    // Keyed forms (the keys decide alone), and forms the keys cannot decide (subquery kept): they must agree.
    const found = async (query: string) =>
      resources((await get(`/fhir/Location?_id=${place}&${query}`).expect(200)).body).length === 1;
    const bed = `capacity-type=${R329}|01`;
    const available = `${bed}&capacity-status=${R330}|02&nb-capacity=gt0`;
    const forms = async () => ({
      available: await found(available),
      availableGe1: await found(`${bed}&capacity-status=${R330}|02,${R330}|04&nb-capacity=ge1`),
      availableNoSystem: await found(`capacity-type=01&capacity-status=02&nb-capacity=gt0`),
      availableNow: await found(`${available}&temporality-capacity=${R331}|01`),
      status02: await found(`capacity-status=${R330}|02`),
      anyPositive: await found('nb-capacity=gt0'),
    });

    expect(await forms()).toEqual({ available: false, availableGe1: false, availableNoSystem: false, availableNow: false, status02: false, anyPositive: false }); // prettier-ignore
    const indicator = await addIndicator('02', 0);
    // Available status and a positive count on two different indicators: no available bed (same indicator).
    const installed = await addIndicator('01', 5);
    expect(await forms()).toEqual({ available: false, availableGe1: false, availableNoSystem: false, availableNow: false, status02: true, anyPositive: true }); // prettier-ignore
    await t.db.query(`UPDATE capacity SET count = 3 WHERE id = $1`, [indicator]);
    expect(await forms()).toEqual({ available: true, availableGe1: true, availableNoSystem: true, availableNow: true, status02: true, anyPositive: true }); // prettier-ignore
    expect(await found(`${available}&temporality-capacity=${R331}|02`)).toBe(false);
    expect(await found(`capacity-type=${R330}|01&capacity-status=${R330}|02&nb-capacity=gt0`)).toBe(false);
    expect(await found(`capacity-type:not=${R329}|01&nb-capacity=gt0`)).toBe(false);
    // The chained form of the IG's offer searches reads the same keys.
    await t.db.query(`INSERT INTO healthcare_service_location VALUES ($1, $2)`, [ids.offer, place]);
    const offers = (await get(`/fhir/HealthcareService?_id=${ids.offer}&location.${available.replaceAll('&', '&location.')}`).expect(200)).body; // prettier-ignore
    expect(resources(offers).map((r) => r.id)).toEqual([ids.offer]);
    await t.db.query(`DELETE FROM healthcare_service_location WHERE location_id = $1`, [place]);
    await t.db.query(`UPDATE capacity SET status = $2 WHERE id = $1`, [indicator, coding('TRE_R330-TypeStatutCapacite', '03')]); // prettier-ignore
    expect(await found(available)).toBe(false);
    expect(await found(`${bed}&capacity-status=${R330}|03&nb-capacity=gt0`)).toBe(true);
    await t.db.query(`DELETE FROM capacity WHERE id = ANY($1::uuid[])`, [[indicator, installed]]);
    expect(await forms()).toEqual({ available: false, availableGe1: false, availableNoSystem: false, availableNow: false, status02: false, anyPositive: false }); // prettier-ignore
    expect((await t.db.query(`SELECT capacity_keys FROM location WHERE id = $1`, [place])).rows[0].capacity_keys).toEqual([]); // prettier-ignore
    await t.db.query(`DELETE FROM location WHERE id = $1`, [place]);
  });

  it('_filter branches joined by or (each on its own copy of the table) and negated', async () => {
    const filter = (f: string) => `/fhir/HealthcareService?_filter=${encodeURIComponent(f)}`;
    const either = (await get(filter(`_id eq ${ids.offer} or specialty eq ${R211}|999`)).expect(200)).body;
    expect(resources(either).map((r) => r.id)).toEqual([ids.offer]);
    const all = (await get('/fhir/HealthcareService?_summary=count')).body.total;
    const rest = (await get(`${filter(`not(_id eq ${ids.offer} or _id eq ${ZERO})`)}&_summary=count`).expect(200)).body;
    expect(rest.total).toBe(all - 1);
  });

  it('a place whose offers are all sensitive units is hidden from profiles that do not see them', async () => {
    const place = await testPlace('Unité protégée');
    expect(await placeVisible(place, '2')).toBe(true);
    await t.db.query(`INSERT INTO healthcare_service_location VALUES ($1, $2)`, [ids.offer, place]);
    await t.db.query(`UPDATE healthcare_service SET sensitive_unit = true WHERE id = $1`, [ids.offer]);
    expect(await placeVisible(place, '2')).toBe(false);
    expect(await placeVisible(place, '1')).toBe(true);
    await get(`/fhir/Location/${place}`, '2').expect(404);
    await t.db.query(`UPDATE healthcare_service SET sensitive_unit = false WHERE id = $1`, [ids.offer]);
    expect(await placeVisible(place, '2')).toBe(true);
    await t.db.query(`UPDATE healthcare_service SET sensitive_unit = true WHERE id = $1`, [ids.offer]);
    await t.db.query(`DELETE FROM healthcare_service_location WHERE location_id = $1`, [place]);
    expect(await placeVisible(place, '2')).toBe(true);
    await t.db.query(`UPDATE healthcare_service SET sensitive_unit = false WHERE id = $1`, [ids.offer]);
    await t.db.query(`DELETE FROM location WHERE id = $1`, [place]);
  });
});
