import type pg from 'pg';

export const NOS = (table: string, code: string) => ({
  system: `https://mos.esante.gouv.fr/NOS/${table}/FHIR/${table.replace('_', '-')}`,
  code,
});

/** Ids of demo records (the template database is seeded with data/demo/demo.json). */
export async function demoIds(db: pg.Client) {
  const one = async (sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows[0].id as string;
  return {
    ej: await one(`SELECT id FROM organization WHERE finess = '010780054'`),
    eg: await one(`SELECT id FROM organization WHERE finess = '010000024'`),
    oiCardio: await one(`SELECT id FROM organization WHERE name = 'Service de cardiologie'`),
    location: await one(`SELECT id FROM location WHERE external_sync_id = 'CARDIO-B2'`),
    offer: await one(`SELECT id FROM healthcare_service WHERE name = 'Cardiologie — hospitalisation complète'`),
    practitioner: await one(`SELECT id FROM practitioner WHERE rpps_id = '810000000014'`),
    commune: '01451',
  };
}

export type Ids = Awaited<ReturnType<typeof demoIds>>;

/** A valid body for each admin resource, and a change to apply to it. */
export const RESOURCES: { resource: string; table: string; body: (ids: Ids) => object; change: object }[] = [
  {
    resource: 'organizations',
    table: 'organization',
    body: (ids) => ({
      kind: 'OI',
      parentId: ids.eg,
      name: 'Unité de soins intensifs de cardiologie',
      internalType: NOS('TRE_R207-TypeOrganisationInterne', '3'),
      communeCode: ids.commune,
      contacts: [
        {
          name: 'Secrétariat USIC',
          function: NOS('TRE_R251-FonctionContact', '05'),
          confidentiality: NOS('TRE_R283-NiveauConfidentialite', '2'),
          telecoms: [
            {
              channel: NOS('TRE_R200-CanalCommunication', '2'),
              value: '04 74 45 40 00',
              confidentiality: NOS('TRE_R283-NiveauConfidentialite', '2'),
            },
          ],
        },
      ],
    }),
    change: { name: 'USIC' },
  },
  {
    resource: 'healthcare-services',
    table: 'healthcare_service',
    body: (ids) => ({
      name: 'Soins intensifs de cardiologie',
      organizationId: ids.oiCardio,
      activityField: NOS('TRE_R227-ChampActivite', '01'),
      operationalActivities: [NOS('TRE_R211-ActiviteOperationnelle', '013')],
      careMode: NOS('TRE_R213-ModePriseEnCharge', '28'),
      ageMin: 18,
      ageMax: 120,
      locationIds: [ids.location],
    }),
    change: { name: 'USIC — soins intensifs', ageMin: 16 },
  },
  {
    resource: 'locations',
    table: 'location',
    body: (ids) => ({
      name: 'Salle de coronarographie',
      organizationId: ids.eg,
      status: NOS('TRE_R203-StatutLieu', '3'),
      function: NOS('TRE_R343-FonctionLieu', '006'),
      communeCode: ids.commune,
      address: { line: '900 route de Paris', postalCode: '01440', city: 'Viriat' },
    }),
    change: { description: 'Bâtiment A, rez-de-chaussée' },
  },
  {
    resource: 'equipment',
    table: 'equipment',
    body: (ids) => ({ locationId: ids.location, equipmentType: NOS('TRE_R212-Equipement', '017'), countInService: 1 }),
    change: { countInService: 2 },
  },
  {
    resource: 'capacities',
    table: 'capacity',
    body: (ids) => ({
      locationId: ids.location,
      nature: NOS('TRE_R329-NatureCapacite', '01'),
      status: NOS('TRE_R330-TypeStatutCapacite', '03'),
      temporality: NOS('TRE_R331-TemporaliteCapacite', '01'),
      temporaryAssignment: NOS('TRE_R337-AffectationTemporaire', '01'),
      count: 25,
      source: NOS('TRE_R335-TypeSourceCapacite', '01'),
      observedAt: new Date(Date.now() - 60_000).toISOString(),
    }),
    change: { count: 26 },
  },
  {
    resource: 'practitioners',
    table: 'practitioner',
    body: () => ({
      rppsId: '810000000030',
      lastName: 'LEROY',
      firstName: 'Anne',
      civility: NOS('TRE_R81-Civilite', 'MME'),
    }),
    change: { firstName: 'Anne-Marie' },
  },
  {
    resource: 'practitioner-roles',
    table: 'practitioner_role',
    body: (ids) => ({
      practitionerId: ids.practitioner,
      organizationId: ids.eg,
      profession: NOS('TRE_G15-ProfessionSante', '60'),
    }),
    change: { exerciseLastName: 'DUPONT-MARTIN' },
  },
];
