import { z } from 'zod';
import {
  address,
  communeCode,
  contacts,
  isoDate,
  nullable,
  optionalCoding,
  requiredText,
  text,
  uuid,
} from '../common/schemas.js';

/** FINESS numbers: 9 characters, département first (2A/2B in Corsica), e.g. 010780054 (formats/finess.md). */
const finess = z.string().regex(/^(\d{2}|2[AB])\d{7}$/, 'Numéro FINESS sur 9 caractères');

export const organizationSchema = z.object({
  kind: z.enum(['EJ', 'EG', 'OI'], { message: 'Type de structure : EJ, EG ou OI' }),
  parentId: nullable(uuid),
  finess: nullable(finess),
  siren: nullable(z.string().regex(/^\d{9}$/, 'SIREN sur 9 chiffres')),
  siret: nullable(z.string().regex(/^\d{14}$/, 'SIRET sur 14 chiffres')),
  name: requiredText(300),
  operationalName: text(300),
  legalStatus: optionalCoding,
  category: optionalCoding,
  internalType: optionalCoding,
  address,
  communeCode: nullable(communeCode),
  latitude: nullable(z.number().min(-90).max(90)),
  longitude: nullable(z.number().min(-180).max(180)),
  openedOn: isoDate,
  closedOn: isoDate,
  closingType: optionalCoding,
  reopeningExpectedOn: isoDate,
  comment: text(4000),
  contacts,
});
export type OrganizationInput = z.infer<typeof organizationSchema>;
