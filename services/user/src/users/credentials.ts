import type { Knex } from '@smartcourse/platform';
import type { User } from './rules.js';
import { verifyPassword } from './passwords.js';
import { findCredentials } from './store.js';

/**
 * The user whose email and password these are, or undefined. An unknown email costs the same
 * time as a wrong password, so the answer does not reveal which accounts exist.
 */
export async function authenticate(db: Knex, email: string, password: string): Promise<User | undefined> {
  const found = await findCredentials(db, email);
  const valid = await verifyPassword(found?.passwordHash, password);
  return found && valid ? found.user : undefined;
}
