import { regex, type Validator } from 'react-admin';

/** FINESS (9), SIREN (9), SIRET (14): fixed-length digit strings. */
export const digits = (count: number) =>
  regex(new RegExp(`^\\d{${count}}$`), () => ({
    message: 'app.validation.digits',
    args: { count },
  }));

/** INSEE commune code: 5 digits, or 2A/2B followed by 3 digits for Corsica. */
export const communeCode = regex(/^(\d{5}|2[AB]\d{3})$/, 'app.validation.commune');

/** idNat_PS of a practitioner: "8" + the 11-digit RPPS number. */
export const rppsId = regex(/^8\d{11}$/, 'app.validation.rpps');

/**
 * The value must not be below a sibling field (`ageMax` ≥ `ageMin`, `to` ≥ `from` inside an array item):
 * the sibling is found next to the validated input's own path.
 */
export const notBelow =
  (siblingSource: string, message: string): Validator =>
  (value, values, props) => {
    const path: string[] = String(props?.finalSource ?? '').split('.');
    path.splice(-1, 1, siblingSource);
    const min = path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], values);
    const filled = (v: unknown) => v != null && v !== '';
    return filled(value) && filled(min) && value < (min as typeof value) ? message : undefined;
  };

/** `datetime-local` inputs give local wall-clock time: send an unambiguous ISO instant instead. */
export const parseLocalDateTime = (value: string) => (value ? new Date(value).toISOString() : null);
