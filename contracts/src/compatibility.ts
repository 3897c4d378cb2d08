import avro from 'avsc';
import type { AvroSchema } from './schemas.js';

/**
 * Local Avro compatibility checks with avsc, the same rules the registry applies.
 * FULL: a reader of either schema can read data written with the other.
 */

export function parseSchema(schema: AvroSchema | object): avro.Type {
  return avro.Type.forSchema(schema as avro.Schema);
}

/** Why two versions are not FULL compatible; empty when they are. */
export function fullCompatibilityProblems(older: AvroSchema | object, newer: AvroSchema | object): string[] {
  const oldType = parseSchema(older);
  const newType = parseSchema(newer);
  const problems: string[] = [];
  const backward = resolveProblem(newType, oldType);
  if (backward) problems.push(`the new schema cannot read data written with the old one (${backward})`);
  const forward = resolveProblem(oldType, newType);
  if (forward) problems.push(`the old schema cannot read data written with the new one (${forward})`);
  return problems;
}

/** FULL_TRANSITIVE: every pair of versions, not only neighbours; each problem names the pair. */
export function fullTransitiveProblems(versions: readonly (AvroSchema | object)[]): string[] {
  const problems: string[] = [];
  versions.forEach((older, i) => {
    versions.slice(i + 1).forEach((newer, offset) => {
      for (const problem of fullCompatibilityProblems(older, newer)) {
        problems.push(`v${i + 1} → v${i + offset + 2}: ${problem}`);
      }
    });
  });
  return problems;
}

function resolveProblem(reader: avro.Type, writer: avro.Type): string | undefined {
  try {
    reader.createResolver(writer);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
