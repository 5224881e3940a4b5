import { z } from 'zod';
import { address, coding, communeCode, nullable, optionalCoding, requiredText, text, uuid } from '../common/schemas.js';

export const locationSchema = z.object({
  externalSyncId: text(100),
  name: requiredText(300),
  description: text(2000),
  function: optionalCoding,
  status: coding,
  address,
  communeCode,
  latitude: nullable(z.number().min(-90).max(90)),
  longitude: nullable(z.number().min(-180).max(180)),
  comment: text(4000),
  organizationId: uuid,
});
export type LocationInput = z.infer<typeof locationSchema>;
