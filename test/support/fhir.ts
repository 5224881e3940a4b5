import type request from 'supertest';
import type { TestApp } from './test-app.js';

/**
 * Real API clients created by the admin through /api/api-clients, one per spec `<profile>[;<regions>]`:
 * `client('3')` is a profile-3 client of every region, `client('1;84')` a profile-1 client of region 84.
 */
export async function fhirClients(t: TestApp, specs: string[]): Promise<(spec?: string) => request.Agent> {
  const admin = await t.as('admin');
  const keys = new Map<string, string>();
  for (const spec of specs) {
    const [profile, regions] = spec.split(';');
    const res = await admin
      .post('/api/api-clients')
      .send({
        name: `Client FHIR ${spec}`,
        accessProfile: Number(profile),
        regionCodes: regions ? regions.split(',') : [],
      })
      .expect(201);
    keys.set(spec, res.body.key);
  }
  return (spec = '1') => {
    const key = keys.get(spec);
    if (!key) throw new Error(`No test API client ${spec}`);
    return t.withKey(key);
  };
}
