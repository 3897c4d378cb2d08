import type { Knex } from '@smartcourse/platform';
import { deleteFactor } from './store.js';

/** Erasure: the sealed secret, recovery codes and open challenges of the user go. */
export const removeMfa = (trx: Knex.Transaction, userId: string) => deleteFactor(trx, userId);
