import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fhirClients } from './support/fhir.js';
import { demoIds } from './support/fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * What an independent FHIR client checking the IG's documented queries found wrong (docs/fhir.md), one case
 * each: reference parameters, `:not`, search parameters on practitioners, the IG's spellings, `_content`.
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

describe('_content', () => {
  it('searches the text of offers and places too', async () => {
    expect(await matchIds('/fhir/HealthcareService?_content=cardiologie')).toContain(ids.offer);
    expect(await matchIds('/fhir/HealthcareService?_content=zzzz')).toEqual([]);
    expect(await matchIds('/fhir/Location?_content=viriat')).toContain(ids.location);
  });
});
