import type { z } from 'zod';
import { validationError, fieldIssues } from '../errors.js';

/** Parses untrusted input with a zod schema; failures become a 400 with field details. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(fieldIssues(result.error.issues));
  return result.data;
}
