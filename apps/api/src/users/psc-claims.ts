import { z } from 'zod';

/**
 * The parts of PSC userinfo (scope_all) the back-office reads, in PSC's shape (reference/psc-oidc.md §1.6):
 * every activity field is a string, "" when absent; `exercices` and `activities` may be empty or missing.
 */
const activitySchema = z
  .object({
    codeModeExercice: z.string().default(''),
    numeroFinessSite: z.string().default(''),
    numeroFinessetablissementJuridique: z.string().default(''),
    identifiantTechniqueDeLaStructure: z.string().default(''),
    raisonSocialeSite: z.string().default(''),
  })
  .loose();

export const pscUserInfoSchema = z
  .object({
    sub: z.string().min(1),
    SubjectNameID: z.string().min(1).max(64),
    given_name: z.string().optional(),
    family_name: z.string().optional(),
    SubjectRefPro: z
      .object({
        exercices: z
          .array(z.object({ activities: z.array(activitySchema).optional().default([]) }).loose())
          .optional()
          .default([]),
      })
      .loose()
      .optional(),
  })
  .loose();

export type PscUserInfo = z.infer<typeof pscUserInfoSchema>;

/** One situation d'exercice declared in PSC: evidence of affiliation, never a right by itself. */
export type Affiliation = { finessSite: string; finessEj: string; name: string; mode: string };

export function affiliationsOf(claims: unknown): Affiliation[] {
  const parsed = pscUserInfoSchema.safeParse(claims);
  if (!parsed.success) return [];
  return (parsed.data.SubjectRefPro?.exercices ?? []).flatMap((e) =>
    e.activities.map((a) => ({
      finessSite: a.numeroFinessSite,
      finessEj: a.numeroFinessetablissementJuridique,
      name: a.raisonSocialeSite,
      mode: a.codeModeExercice,
    })),
  );
}
