import type { Knex } from '@smartcourse/platform';
import { nameOf } from './store.js';

/** An instructor's display name (null when unknown or erased), for other features. */
export function instructorName(db: Knex, userId: string): Promise<string | null> {
  return nameOf(db, userId);
}
