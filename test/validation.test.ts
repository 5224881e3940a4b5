import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { demoIds, NOS } from './support/fixtures.js';
import { snapshot, startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;

beforeAll(async () => {
  t = await startTestApp();
  ids = await demoIds(t.db);
});
afterAll(() => t.close());

const offerBody = () => ({
  name: 'Offre de test',
  organizationId: ids.oiCardio,
  activityField: NOS('TRE_R227-ChampActivite', '01'),
  operationalActivities: [NOS('TRE_R211-ActiviteOperationnelle', '013')],
  careMode: NOS('TRE_R213-ModePriseEnCharge', '28'),
});

describe('codes are checked against the value set bound to their attribute (IG §5)', () => {
  it('refuses a code outside the value set, naming the attribute, the code and the value set; nothing is written', async () => {
    const api = await t.as('admin');
    const offer = (await api.get(`/api/healthcare-services/${ids.offer}`).expect(200)).body;
    const before = await snapshot(t.db);
    // A real mode de prise en charge of TRE_R213 that J19 (the ROR subset) does not include.
    const res = await api
      .put(`/api/healthcare-services/${ids.offer}`)
      .send({ ...offer, careMode: NOS('TRE_R213-ModePriseEnCharge', '999') })
      .expect(400);
    expect(res.body.errors.careMode).toContain('careMode');
    expect(res.body.errors.careMode).toContain('999');
    expect(res.body.errors.careMode).toContain('JDV_J19-ModePriseEnCharge-ROR');
    expect(await snapshot(t.db)).toEqual(before);
    expect((await api.get(`/api/healthcare-services/${ids.offer}`)).body.version).toBe(offer.version);
  });

  it('stores the value set’s label of each code, whatever label the client sent', async () => {
    const api = await t.as('admin');
    const created = await api
      .post('/api/healthcare-services')
      .send({ ...offerBody(), careMode: { ...NOS('TRE_R213-ModePriseEnCharge', '28'), display: 'libellé saisi' } })
      .expect(201);
    expect(created.body.careMode.display).toBe('Hospitalisation complète (HC)');
    expect(created.body.operationalActivities[0].display).toBe('Cardiologie générale');
    await api.delete(`/api/healthcare-services/${created.body.id}`).expect(200);
  });

  it('refuses a code of the right table bound to another attribute', async () => {
    const api = await t.as('admin');
    const before = await snapshot(t.db);
    // Activité opérationnelle codes are not champ d'activité codes, even though both are valid NOS codes.
    const res = await api
      .post('/api/healthcare-services')
      .send({ ...offerBody(), activityField: NOS('TRE_R211-ActiviteOperationnelle', '013') })
      .expect(400);
    expect(Object.keys(res.body.errors)).toEqual(['activityField']);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('names nested fields by their path (contacts.0.telecoms.0.channel)', async () => {
    const api = await t.as('admin');
    const res = await api
      .post('/api/healthcare-services')
      .send({
        ...offerBody(),
        contacts: [
          {
            confidentiality: NOS('TRE_R283-NiveauConfidentialite', '2'),
            telecoms: [
              {
                channel: NOS('TRE_R200-CanalCommunication', '42'),
                value: 'x',
                confidentiality: NOS('TRE_R283-NiveauConfidentialite', '2'),
              },
            ],
          },
        ],
      })
      .expect(400);
    expect(Object.keys(res.body.errors)).toEqual(['contacts.0.telecoms.0.channel']);
  });

  it('refuses a deprecated code on a new write but keeps it on the record that already has it', async () => {
    const api = await t.as('admin');
    // J226 still lists 27 "Soins à domicile", which TRE_R338 marks deprecated (nomenclatures/README.md).
    const deprecated = NOS('TRE_R338-ModaliteAccueil', '27');
    const before = await snapshot(t.db);
    const refused = await api
      .post('/api/healthcare-services')
      .send({ ...offerBody(), receptionModalities: [deprecated] })
      .expect(400);
    expect(refused.body.errors['receptionModalities.0']).toMatch(/obsolète/);
    expect(await snapshot(t.db)).toEqual(before);

    // A record written before the code was deprecated (as an import would have) keeps it through an edit.
    await t.db.query(`UPDATE healthcare_service SET reception_modalities = $1 WHERE id = $2`, [
      JSON.stringify([deprecated]),
      ids.offer,
    ]);
    const offer = (await api.get(`/api/healthcare-services/${ids.offer}`)).body;
    const saved = await api
      .put(`/api/healthcare-services/${ids.offer}`)
      .send({ ...offer, name: `${offer.name} (modifiée)` })
      .expect(200);
    expect(saved.body.receptionModalities).toEqual([{ ...deprecated, display: 'Soins à domicile' }]);

    // …and such records can be listed, to be corrected.
    const listed = await api
      .get('/api/healthcare-services')
      .query({ filter: JSON.stringify({ deprecatedCodes: true }) });
    expect(listed.body.map((o: { id: string }) => o.id)).toEqual([ids.offer]);
  });

  it('offers pickers only the active codes of the attribute’s value set, searched without accents', async () => {
    const api = await t.as('reader');
    const res = await api
      .get('/api/nomenclatures/codes')
      .query({
        filter: JSON.stringify({ attribute: 'healthcare-services.receptionModalities', q: 'DOMICILE' }),
        range: '[0,49]',
      })
      .expect(200);
    expect(res.body.map((c: { code: string }) => c.code)).not.toContain('27');
    const accents = await api
      .get('/api/nomenclatures/codes')
      .query({ filter: JSON.stringify({ attribute: 'healthcare-services.activityField', q: 'medico social' }) })
      .expect(200);
    expect(accents.body).toEqual([expect.objectContaining({ code: '04', display: 'Médico-social (MS)' })]);
    await api
      .get('/api/nomenclatures/codes')
      .query({ filter: JSON.stringify({ attribute: 'nope' }) })
      .expect(400);
  });
});

describe('other refusals', () => {
  it('refuses a stale version with 409 and changes nothing', async () => {
    const api = await t.as('admin');
    const current = (await api.get(`/api/healthcare-services/${ids.offer}`)).body;
    await api
      .put(`/api/healthcare-services/${ids.offer}`)
      .send({ ...current, comment: 'première modification' })
      .expect(200);
    const before = await snapshot(t.db);
    const res = await api
      .put(`/api/healthcare-services/${ids.offer}`)
      .send({ ...current, comment: 'modification concurrente' })
      .expect(409);
    expect(res.body.message).toMatch(/modifié par quelqu’un d’autre/);
    expect(await snapshot(t.db)).toEqual(before);
    expect((await api.get(`/api/healthcare-services/${ids.offer}`)).body.comment).toBe('première modification');
  });

  it('requires the version on an update', async () => {
    const api = await t.as('admin');
    const { version: _v, ...current } = (await api.get(`/api/healthcare-services/${ids.offer}`)).body;
    const res = await api.put(`/api/healthcare-services/${ids.offer}`).send(current).expect(400);
    expect(Object.keys(res.body.errors)).toEqual(['version']);
  });

  it('refuses broken references, hierarchy and business rules with 4xx, never 500, and writes nothing', async () => {
    const api = await t.as('admin');
    const before = await snapshot(t.db);
    const cases: [string, object, string][] = [
      ['healthcare-services', { ...offerBody(), organizationId: ids.ej }, 'organizationId'],
      ['healthcare-services', { ...offerBody(), locationIds: ['00000000-0000-4000-8000-000000000000'] }, 'locationIds'],
      ['healthcare-services', { ...offerBody(), ageMin: 60, ageMax: 18 }, 'ageMax'],
      ['healthcare-services', { ...offerBody(), operationalActivities: [] }, 'operationalActivities'],
      ['organizations', { kind: 'EG', parentId: ids.eg, name: 'EG sous EG' }, 'parentId'],
      ['organizations', { kind: 'EJ', name: 'EJ', communeCode: '99999' }, 'communeCode'],
      ['organizations', { kind: 'EJ', name: 'EJ', finess: '12' }, 'finess'],
      ['practitioners', { rppsId: '12345', lastName: 'X' }, 'rppsId'],
      [
        'capacities',
        {
          locationId: ids.location,
          nature: NOS('TRE_R329-NatureCapacite', '01'),
          status: NOS('TRE_R330-TypeStatutCapacite', '01'),
          temporality: NOS('TRE_R331-TemporaliteCapacite', '01'),
          temporaryAssignment: NOS('TRE_R337-AffectationTemporaire', '01'),
          gender: NOS('TRE_R332-GenreCapacite', '01'),
          count: 4,
          source: NOS('TRE_R335-TypeSourceCapacite', '01'),
          observedAt: new Date().toISOString(),
        },
        'gender',
      ],
    ];
    for (const [resource, body, field] of cases) {
      const res = await api.post(`/api/${resource}`).send(body);
      expect([resource, field, res.status]).toEqual([resource, field, 400]);
      expect(Object.keys(res.body.errors)).toContain(field);
    }
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('answers 409 on a duplicate key or a record still in use, and malformed JSON with 400', async () => {
    const api = await t.as('admin');
    const before = await snapshot(t.db);
    await api.post('/api/practitioners').send({ rppsId: '810000000014', lastName: 'DOUBLON' }).expect(409);
    await api.delete(`/api/organizations/${ids.ej}`).expect(409);
    await api.post('/api/practitioners').set('content-type', 'application/json').send('{"rppsId":').expect(400);
    expect(await snapshot(t.db)).toEqual(before);
  });
});
