import { readFile } from 'node:fs/promises';
import { validationError } from '@smartcourse/platform';
import { MAX_PASSWORD_LENGTH, parsePasswordList, passwordProblems, type PasswordPolicy } from './rules.js';

/** Shipped with the service; see data/README.md for its source and licence. */
const COMMON_PASSWORDS = new URL('../../data/common-passwords.txt', import.meta.url);

/** Reads the common-password list once, at start. */
export async function loadPasswordPolicy(options: { minLength: number }): Promise<PasswordPolicy> {
  return { minLength: options.minLength, maxLength: MAX_PASSWORD_LENGTH, common: parsePasswordList(await readFile(COMMON_PASSWORDS, 'utf8')) };
}

/** Refuses a new password that breaks the policy: 400 VALIDATION_ERROR naming the field. */
export function enforcePasswordPolicy(policy: PasswordPolicy, password: string, email: string, field: string): void {
  const problems = passwordProblems(policy, password, email);
  if (problems.length > 0)
    throw validationError(
      problems.map((message) => ({ path: field, message })),
      'The password does not meet the policy.',
    );
}
