import { z } from 'zod';
import { nullable, optionalCoding, requiredText, text } from '../common/schemas.js';

export const practitionerSchema = z.object({
  // idNat_PS of an RPPS professional: "8" followed by the 11-digit RPPS number (formats/rpps.md).
  rppsId: z.string().regex(/^8\d{11}$/, 'Identifiant national RPPS : 8 suivi des 11 chiffres du RPPS'),
  civility: optionalCoding,
  lastName: requiredText(200),
  firstName: text(200),
  mssMailbox: nullable(z.email({ message: 'Adresse de messagerie sécurisée invalide' })),
});
export type PractitionerInput = z.infer<typeof practitionerSchema>;
