import { z } from 'zod';

// Validation messages in French, for the people filling the forms.
z.config(z.locales.fr());

/** A NOS coding; its membership of the bound value set is checked by NomenclaturesService. */
export const coding = z.object({
  system: z.string().url(),
  code: z.string().min(1).max(64),
  display: z.string().max(500).nullish(),
});
export type Coding = z.infer<typeof coding>;

/** Optional in the body, stored as null when absent (PUT replaces the record's writable fields). */
export const nullable = <S extends z.ZodType>(schema: S) => schema.nullish().transform((v) => v ?? null);
export const list = <S extends z.ZodType>(schema: S) =>
  z
    .array(schema)
    .nullish()
    .transform((v) => v ?? []);

export const optionalCoding = nullable(coding);
export const codings = list(coding);
export const text = (max = 2000) => nullable(z.string().trim().max(max));
export const requiredText = (max = 500) => z.string().trim().min(1, 'Champ obligatoire').max(max);
export const isoDate = nullable(z.iso.date());
export const uuid = z.uuid({ message: 'Identifiant invalide' });
export const communeCode = z.string().regex(/^(\d{5}|2[AB]\d{3})$/, 'Code commune INSEE sur 5 caractères');

export const address = nullable(
  z.object({
    line: text(500),
    postalCode: nullable(z.string().regex(/^\d{5}$/, 'Code postal sur 5 chiffres')),
    city: text(200),
  }),
);
export type Address = z.infer<typeof address>;

export const telecom = z.object({
  channel: coding,
  value: requiredText(500),
  usage: text(200),
  confidentiality: coding,
});

/** IG §2.2 Contact: a named person or desk with its telecoms, each with a confidentiality level (J222). */
export const contact = z.object({
  name: text(200),
  function: optionalCoding,
  nature: optionalCoding,
  description: text(1000),
  confidentiality: coding,
  telecoms: list(telecom),
});
export type ContactInput = z.infer<typeof contact>;
export const contacts = list(contact);
