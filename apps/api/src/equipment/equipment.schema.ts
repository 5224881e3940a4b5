import { z } from 'zod';
import { coding, list, nullable, uuid } from '../common/schemas.js';

export const equipmentSchema = z.object({
  locationId: uuid,
  equipmentType: coding,
  countInService: nullable(z.number().int().min(0)),
  // The limit value is a UCUM quantity (IG §2.5 ror-location-equipment-limit.limitValue).
  limits: list(z.object({ feature: coding, value: z.number(), unit: z.string().trim().min(1).max(20) })),
});
export type EquipmentInput = z.infer<typeof equipmentSchema>;
