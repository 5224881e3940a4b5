import { z } from 'zod';
import {
  coding,
  codings,
  communeCode,
  contacts,
  isoDate,
  list,
  nullable,
  optionalCoding,
  requiredText,
  text,
  uuid,
} from '../common/schemas.js';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Heure au format HH:MM');
const openingHours = z
  .object({ days: z.array(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])).min(1), from: time, to: time })
  .refine((h) => h.from < h.to, { message: 'L’heure de fin doit suivre l’heure de début', path: ['to'] });
const age = nullable(z.number().int().min(0).max(150));

export const healthcareServiceSchema = z
  .object({
    name: requiredText(300),
    organizationId: uuid,
    activityField: coding,
    offerType: optionalCoding,
    // IG §1 fact 5: at least one activité opérationnelle.
    operationalActivities: z.array(coding).min(1, 'Au moins une activité opérationnelle'),
    operationalActivityFamily: optionalCoding,
    careMode: coding,
    receptionType: optionalCoding,
    receptionModalities: codings,
    managementTypes: codings,
    specificActs: codings,
    outsideOfficeActs: codings,
    takingCareSpecialities: codings,
    annualOpening: optionalCoding,
    resourceProfessions: codings,
    specificCompetences: codings,
    expertiseLevels: codings,
    equipment: codings,
    patientTypes: codings,
    ageMin: age,
    ageMax: age,
    interventionCommunes: list(communeCode),
    openingHours: list(openingHours),
    sensitiveUnit: z
      .boolean()
      .nullish()
      .transform((v) => v ?? false),
    noConsentHabilitation: z
      .boolean()
      .nullish()
      .transform((v) => v ?? false),
    psychiatricSectors: list(z.string().trim().min(1).max(50)),
    closingType: optionalCoding,
    closedOn: isoDate,
    reopeningExpectedOn: isoDate,
    comment: text(4000),
    contacts,
    locationIds: list(uuid),
  })
  .refine((o) => o.ageMin === null || o.ageMax === null || o.ageMin <= o.ageMax, {
    message: 'L’âge maximum doit être supérieur ou égal à l’âge minimum',
    path: ['ageMax'],
  });
export type HealthcareServiceInput = z.infer<typeof healthcareServiceSchema>;
