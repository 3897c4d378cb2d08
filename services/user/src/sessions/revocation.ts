import type { Knex } from '@smartcourse/platform';
import { emailKey } from './rules.js';
import { clearFailures, deleteUserSessions, revokeSessions } from './store.js';

/**
 * Ends every live session of a user (password change, deactivation, erasure) inside the
 * caller's transaction: their refresh tokens stop working at once. Access tokens already
 * issued run out within their 15 minutes.
 */
export async function revokeUserSessions(trx: Knex.Transaction, userId: string, options: { exceptSessionId?: string } = {}): Promise<string[]> {
  return revokeSessions(trx, { userId, exceptSessionId: options.exceptSessionId }, new Date());
}

/** Ends one session of this user; false when there is no such live session of theirs. */
export async function revokeSession(db: Knex, userId: string, sessionId: string): Promise<boolean> {
  const revoked = await db.transaction((trx) => revokeSessions(trx, { userId, sessionId }, new Date()));
  return revoked.length > 0;
}

/** Erasure: no trace of the user's sessions, and no failed-login record under their email. */
export async function eraseUserSessions(trx: Knex.Transaction, userId: string, email: string): Promise<void> {
  await deleteUserSessions(trx, userId);
  await clearFailures(trx, emailKey(email));
}
