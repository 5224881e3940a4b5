import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { z } from 'zod';
import { capacitySchema } from './capacities/capacity.schema.js';
import { equipmentSchema } from './equipment/equipment.schema.js';
import { healthcareServiceSchema } from './healthcare-services/healthcare-service.schema.js';
import { locationSchema } from './locations/location.schema.js';
import { organizationSchema } from './organizations/organization.schema.js';
import { practitionerRoleSchema } from './practitioner-roles/practitioner-role.schema.js';
import { practitionerSchema } from './practitioners/practitioner.schema.js';

/** The request bodies of the admin resources, described from the same zod schemas that validate them. */
const BODIES: Record<string, z.ZodType> = {
  organizations: organizationSchema,
  'healthcare-services': healthcareServiceSchema,
  locations: locationSchema,
  equipment: equipmentSchema,
  capacities: capacitySchema,
  practitioners: practitionerSchema,
  'practitioner-roles': practitionerRoleSchema,
};

const LIST_PARAMETERS = [
  { name: 'sort', in: 'query', schema: { type: 'string' }, example: '["name","ASC"]' },
  { name: 'range', in: 'query', schema: { type: 'string' }, example: '[0,24]' },
  { name: 'filter', in: 'query', schema: { type: 'string' }, example: '{"q":"cardio"}' },
];

export function setUpOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('ROR back-office — API d’administration')
    .setDescription(
      'API REST du back-office ROR (dialecte ra-data-simple-rest). Listes : paramètres JSON sort, range, filter et en-tête ' +
        'Content-Range. Mises à jour par PUT avec le numéro de version (409 si périmé). Erreurs de validation : ' +
        '{ message, errors: { champ: message } }.',
    )
    .setVersion('0.1.0')
    .addCookieAuth('ror_session')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  for (const [resource, schema] of Object.entries(BODIES)) {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    delete json.$schema;
    const name = resource.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()) + 'Input';
    document.components = { ...document.components, schemas: { ...document.components?.schemas, [name]: json } };
    const body = {
      required: true,
      content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } },
    };
    const collection = document.paths[`/api/${resource}`];
    const item = document.paths[`/api/${resource}/{id}`];
    if (collection?.post) collection.post.requestBody = body;
    if (collection?.get) collection.get.parameters = LIST_PARAMETERS as never;
    if (item?.put) item.put.requestBody = body;
  }
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
