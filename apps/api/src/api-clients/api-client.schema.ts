import { z } from 'zod';

export const apiClientSchema = z.object({
  name: z.string().trim().min(1).max(200),
  // reference/ror-ig.md §1 fact 6: 0 public only … 5 everything including capacities
  accessProfile: z.number().int().min(0).max(5),
  regionCodes: z.array(z.string().regex(/^[0-9]{2}$/, 'Code région INSEE à 2 chiffres')).default([]),
  capacityWriteOrganizationIds: z.array(z.uuid()).default([]),
});

export type ApiClientInput = z.infer<typeof apiClientSchema>;
