import type { Knex } from '@smartcourse/platform';
import { setLastLogin } from './store.js';

/** Notes a successful login on the account (`lastLoginAt`), in the session's transaction. */
export const recordLogin = (trx: Knex.Transaction, userId: string, at: Date) => setLastLogin(trx, userId, at);
