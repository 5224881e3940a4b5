import type { z } from 'zod';
import { ValidationError } from './errors.js';

/** Parses with a zod schema, or throws a ValidationError keyed by field path. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.join('.') || '_';
    errors[path] ??= issue.message;
  }
  throw new ValidationError(errors);
}
