import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { fakeApiClients } from './support/fhir.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ beforeInit: fakeApiClients });
});
afterAll(() => t.close());

it('smoke', async () => {
  const c = t.anonymous();
  for (const url of [
    '/fhir/metadata',
    '/fhir/HealthcareService?_include=HealthcareService:organization&_include:iterate=Organization:partof&_include=HealthcareService:location&_revinclude=PractitionerRole:service&_include=PractitionerRole:practitioner',
    '/fhir/Location?near=46.2|5.2|50|km',
    '/fhir/Organization?_count=2',
    '/fhir/Practitioner',
    '/fhir/PractitionerRole',
    '/fhir/HealthcareService?foo=bar&_filter=(_lastUpdated ge 2020-01-01 or organization:above._lastUpdated ge 2020-01-01)',
    '/fhir/HealthcareService?location.capacity-status=https://mos.esante.gouv.fr/NOS/TRE_R330-TypeStatutCapacite/FHIR/TRE-R330-TypeStatutCapacite|01&location.nb-capacity=gt0',
  ]) {
    const r = await c.get(url).set('x-test-client', '1');
    console.log(url, r.status, JSON.stringify(r.body).slice(0, 1500));
  }
});
