import { z } from 'zod';
import { coding, optionalCoding, text, uuid } from '../common/schemas.js';

// Status codes of J188 (TRE_R330) that carry extra dimensions (IG §2.5: "indicateur valide").
const AVAILABLE = '02';
const CLOSED = '05';
const ADDITIONAL = '06';

export const capacitySchema = z
  .object({
    locationId: uuid,
    nature: coding,
    status: coding,
    temporality: coding,
    temporaryAssignment: coding,
    gender: optionalCoding,
    closingType: optionalCoding,
    additionalBedType: optionalCoding,
    crisisType: optionalCoding,
    count: z.number().int().min(0, 'Le nombre ne peut pas être négatif'),
    source: coding,
    observedAt: z.coerce.date(),
    comment: text(1000),
  })
  .superRefine((c, ctx) => {
    const only = (
      field: 'gender' | 'closingType' | 'additionalBedType' | 'crisisType',
      status: string,
      label: string,
    ) => {
      if (c[field] && c.status.code !== status) {
        ctx.addIssue({ code: 'custom', path: [field], message: `Seulement pour les capacités au statut « ${label} »` });
      }
    };
    only('gender', AVAILABLE, 'disponible');
    only('closingType', CLOSED, 'fermé');
    only('additionalBedType', ADDITIONAL, 'supplémentaire');
    only('crisisType', ADDITIONAL, 'supplémentaire');
    if (c.observedAt.getTime() > Date.now() + 5 * 60_000) {
      ctx.addIssue({
        code: 'custom',
        path: ['observedAt'],
        message: 'La date d’observation ne peut pas être dans le futur',
      });
    }
  });
export type CapacityInput = z.infer<typeof capacitySchema>;
