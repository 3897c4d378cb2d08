import { randomBytes } from 'node:crypto';
import { AppError, type Knex } from '@smartcourse/platform';
import { consumeSecondFactor, invalidCode } from './enrollment.js';
import { CHALLENGE_MAX_ATTEMPTS, CHALLENGE_TTL_MS, digest } from './rules.js';
import type { SecretBox } from './secret-box.js';
import { completeChallenge, countAttempt, findChallenge, insertChallenge } from './store.js';

const invalidChallenge = () => new AppError({ code: 'INVALID_MFA_CHALLENGE', message: 'The sign-in attempt expired or is not valid; log in again.' });

/** After a correct password for an account with MFA: a short-lived, single-use challenge token. */
export async function createChallenge(db: Knex, userId: string, client: { userAgent?: string | undefined; clientIp?: string | undefined }) {
  const token = randomBytes(32).toString('base64url');
  await insertChallenge(db, {
    token_hash: digest(token),
    user_id: userId,
    expires_at: new Date(Date.now() + CHALLENGE_TTL_MS),
    user_agent: client.userAgent ?? null,
    client_ip: client.clientIp ?? null,
  });
  return { mfaRequired: true as const, challengeToken: token, expiresIn: CHALLENGE_TTL_MS / 1000 };
}

/**
 * Completes a challenge with a TOTP or recovery code: returns the user id to start a session
 * for. Wrong codes count; after five the challenge is dead and the password must be given again.
 */
export async function completeChallengeWithCode(db: Knex, box: SecretBox, challengeToken: string, code: string) {
  const hash = digest(challengeToken);
  const outcome = await db.transaction(async (trx) => {
    const challenge = await findChallenge(trx, hash);
    if (!challenge || challenge.completed_at || challenge.expires_at.getTime() < Date.now() || challenge.attempts >= CHALLENGE_MAX_ATTEMPTS) {
      return { error: invalidChallenge() };
    }
    if (!(await consumeSecondFactor(trx, box, challenge.user_id, code))) {
      await countAttempt(trx, hash);
      return { error: invalidCode() };
    }
    await completeChallenge(trx, hash);
    return { userId: challenge.user_id, userAgent: challenge.user_agent, clientIp: challenge.client_ip };
  });
  // The attempt count must commit even when the code was wrong, so the error is thrown after.
  if ('error' in outcome) throw outcome.error;
  return outcome;
}
