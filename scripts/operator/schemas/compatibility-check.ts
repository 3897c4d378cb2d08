import { readFile } from 'node:fs/promises';
import { fullCompatibilityProblems } from '@smartcourse/contracts/compatibility';
import { OperatorError } from '../failure.js';
import { mapBounded } from '../concurrency/map-bounded.js';
import type { RegistryApi } from './registry-api.js';

export interface CompatibilityVerdict {
  subject: string;
  file: string;
  /** The subject's level, which decides what "compatible" means. */
  compatibility: string;
  /** The registry's answer: would it accept the file as the next version. */
  compatible: boolean;
  /** The registry's reasons (Confluent gives them; Apicurio answers only yes or no). */
  registryMessages: string[];
  /**
   * When incompatible: avsc's reasons against each registered version, read both ways (the
   * rules of FULL), so the operator sees which field is at fault even when the registry says nothing.
   */
  localReasons: string[];
}

/** Asks the registry whether a local .avsc could become the subject's next version. */
export async function checkCompatibility(api: RegistryApi, file: string, subject: string): Promise<CompatibilityVerdict> {
  const schema = await readSchemaFile(file);
  const versions = await api.versions(subject);
  const compatibility = await api.compatibility(subject);
  const { compatible, messages } = await api.checkCompatibility(subject, JSON.stringify(schema));
  const localReasons = compatible ? [] : await reasonsAgainstRegistered(api, subject, versions, schema);
  return { subject, file, compatibility, compatible, registryMessages: messages, localReasons };
}

async function readSchemaFile(file: string): Promise<object> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new OperatorError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as object;
  } catch (error) {
    throw new OperatorError(`${file} is not JSON (an .avsc file is): ${(error as Error).message}`);
  }
}

async function reasonsAgainstRegistered(api: RegistryApi, subject: string, versions: readonly number[], schema: object): Promise<string[]> {
  const registered = await mapBounded(versions, 5, (version) => api.version(subject, version));
  return registered.flatMap(({ version, schema: text }) => {
    try {
      return fullCompatibilityProblems(JSON.parse(text) as object, schema).map((problem) => `against version ${version}: ${problem}`);
    } catch (error) {
      // avsc refuses the file itself (an unknown type, a bad default): that is the reason
      return [`against version ${version}: ${(error as Error).message}`];
    }
  });
}
