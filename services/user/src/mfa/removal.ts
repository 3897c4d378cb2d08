import type { Knex } from '@smartcourse/platform';
import { forgetAttempts } from '../sessions/throttle.js';
import { disableFailuresKey } from './rules.js';
import { deleteFactor } from './store.js';

/** Erasure: the sealed secret, recovery codes, open challenges and the count of wrong codes to turn it off go. */
export async function removeMfa(trx: Knex.Transaction, userId: string): Promise<void> {
  await deleteFactor(trx, userId);
  await forgetAttempts(trx, disableFailuresKey(userId));
}
