import avro from 'avsc';
import { latestSchema } from '@smartcourse/contracts/schemas';
import { AppError, type FieldIssue } from '../errors.js';

const types = new Map<string, avro.Type>();

/** The Avro type of a subject's newest schema in the catalog (parsed once). */
export function recordTypeOf(subject: string): avro.Type {
  let type = types.get(subject);
  if (!type) {
    type = avro.Type.forSchema(latestSchema(subject) as avro.Schema);
    types.set(subject, type);
  }
  return type;
}

/**
 * Refuses a value that does not match its subject's schema, naming each bad field: a record
 * that could never be published fails the transaction that writes it, not the relay later.
 */
export function assertMatchesSchema(subject: string, value: object): void {
  const type = recordTypeOf(subject);
  // The plain check is several times cheaper than one with a hook; the hook only names the bad fields.
  if (type.isValid(value)) return;
  const problems: FieldIssue[] = [];
  const valid = type.isValid(value, {
    errorHook: (path, bad) =>
      problems.push({ path: path.join('.') || '(record)', message: `does not match the schema: ${JSON.stringify(bad) ?? String(bad)}` }),
  });
  if (!valid) {
    throw new AppError({
      code: 'INVALID_RECORD',
      message: `record does not match ${subject}: ${problems.map((p) => p.path).join(', ')}`,
      details: problems,
    });
  }
}
