import { z } from 'zod';

export const accessRequestSchema = z.object({
  organizationId: z.uuid(),
  message: z.string().trim().max(2000).nullish(),
});

export const decisionSchema = z.object({
  decision: z.enum(['grant', 'refuse']),
  comment: z.string().trim().max(2000).nullish(),
});
