import type { ChangePasswordCall } from '@smartcourse/contracts';
import type { Knex } from '@smartcourse/platform';
import { revokeUserSessions } from '../sessions/revocation.js';
import { authenticateById, invalidCredentials, setPassword } from '../users/credentials.js';
import { enforcePasswordPolicy } from './policy.js';
import type { PasswordPolicy } from './rules.js';
import { useTokens } from './store.js';

export interface PasswordDeps {
  db: Knex;
  policy: PasswordPolicy;
}

/**
 * The signed-in user changes their password: the current one is required, the new one meets
 * the policy, and every other session of the account ends (the caller's stays signed in).
 * Answers the ended sessions.
 */
export async function changePassword(deps: PasswordDeps, userId: string, input: ChangePasswordCall): Promise<string[]> {
  return deps.db.transaction(async (trx) => {
    const user = await authenticateById(trx, userId, input.currentPassword);
    if (!user) throw invalidCredentials();
    enforcePasswordPolicy(deps.policy, input.newPassword, user.email, 'newPassword');
    await setPassword(trx, user.id, input.newPassword);
    await useTokens(trx, user.id);
    return revokeUserSessions(trx, user.id, input.sessionId === undefined ? {} : { exceptSessionId: input.sessionId });
  });
}
