import type { Knex } from '@smartcourse/platform';
import type { User } from './rules.js';
import { findById } from './store.js';

/** Reads a user for other features of this service (they never import the users store). */
export function loadUser(db: Knex | Knex.Transaction, id: string, options: { forUpdate?: boolean } = {}): Promise<User | undefined> {
  return findById(db, id, options);
}
