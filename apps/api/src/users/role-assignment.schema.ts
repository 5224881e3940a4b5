import { z } from 'zod';

export const roleAssignmentSchema = z
  .object({
    userId: z.uuid(),
    role: z.enum(['structure-editor', 'structure-referent', 'ars-reviewer', 'national-admin']),
    organizationId: z.uuid().nullish(),
    regionCodes: z.array(z.string().regex(/^[0-9]{2}$/, 'Code région INSEE à 2 chiffres')).nullish(),
    validUntil: z.iso.datetime({ offset: true }).or(z.iso.date()).nullish(),
  })
  .superRefine((v, ctx) => {
    const onStructure = v.role === 'structure-editor' || v.role === 'structure-referent';
    if (onStructure && !v.organizationId) {
      ctx.addIssue({ code: 'custom', path: ['organizationId'], message: 'La structure est requise pour ce rôle' });
    }
    if (v.role === 'ars-reviewer' && !v.regionCodes?.length) {
      ctx.addIssue({ code: 'custom', path: ['regionCodes'], message: 'Au moins une région est requise' });
    }
  });

export type RoleAssignmentInput = z.infer<typeof roleAssignmentSchema>;
