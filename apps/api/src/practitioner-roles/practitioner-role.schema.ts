import { z } from 'zod';
import { coding, nullable, optionalCoding, text, uuid } from '../common/schemas.js';

export const practitionerRoleSchema = z
  .object({
    practitionerId: uuid,
    healthcareServiceId: nullable(uuid),
    organizationId: nullable(uuid),
    profession: coding,
    expertiseType: optionalCoding,
    specialty: optionalCoding,
    exerciseMode: optionalCoding,
    exerciseTitle: optionalCoding,
    exerciseLastName: text(200),
    exerciseFirstName: text(200),
    conventionSector: optionalCoding,
    phone: nullable(z.string().regex(/^\+?[0-9 .]{6,20}$/, 'Numéro de téléphone invalide')),
  })
  .refine((r) => r.healthcareServiceId || r.organizationId, {
    message: 'Indiquez l’offre ou la structure où le professionnel exerce',
    path: ['healthcareServiceId'],
  });
export type PractitionerRoleInput = z.infer<typeof practitionerRoleSchema>;
