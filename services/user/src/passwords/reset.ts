import type { ForgotPasswordRequest, ResetPasswordRequest } from '@smartcourse/contracts';
import { withRetries, type Logger } from '@smartcourse/platform';
import { revokeUserSessions } from '../sessions/revocation.js';
import { digestToken, findAccount, invalidToken, newOneTimeToken, setPassword, tokenUsable } from '../users/credentials.js';
import { findUser } from '../users/store.js';
import type { LinkMail } from '../verification/links.js';
import { DAY_MS, MAIL_LIMITS, mailWaitMs } from '../verification/rules.js';
import type { PasswordDeps } from './change.js';
import { enforcePasswordPolicy } from './policy.js';
import { RESET_TOKEN_TTL_MS, resetEmail, resetLink } from './rules.js';
import { findToken, replaceToken, sentSince, useTokens } from './store.js';

export type ResetDeps = PasswordDeps & { links: LinkMail };

/**
 * Mails a reset link when the email belongs to an active account. The caller has already
 * answered: nothing here may show whether the account exists. Mails to one account are
 * throttled like verification links, silently.
 */
export async function requestPasswordReset(deps: ResetDeps, input: ForgotPasswordRequest, log: Logger): Promise<void> {
  const now = new Date();
  const issued = await deps.db.transaction(async (trx) => {
    const found = await findAccount(trx, input.email);
    const user = found && (await findUser(trx, found.id, { forUpdate: true }));
    if (!user || user.status !== 'active') return undefined;
    if (mailWaitMs(await sentSince(trx, user.id, new Date(now.getTime() - DAY_MS)), now, MAIL_LIMITS) > 0) {
      log.info({ userId: user.id }, 'password reset link throttled');
      return undefined;
    }
    const { token, hash } = newOneTimeToken();
    await replaceToken(trx, { hash, userId: user.id, expiresAt: new Date(now.getTime() + RESET_TOKEN_TTL_MS) });
    return { user, token };
  });
  if (!issued) return;
  await withRetries(() => deps.links.mailer.send(resetEmail(issued.user.email, resetLink(deps.links.publicAppUrl, issued.token))));
  log.info({ userId: issued.user.id }, 'password reset link mailed');
}

/** Spends a reset token: the new password meets the policy, and every session of the account ends. */
export async function resetPassword(deps: PasswordDeps, input: ResetPasswordRequest): Promise<{ userId: string; revokedSessionIds: string[] }> {
  const hash = digestToken(input.token);
  const now = new Date();
  return deps.db.transaction(async (trx) => {
    const unlocked = await findToken(trx, hash);
    const user = unlocked && (await findUser(trx, unlocked.user_id, { forUpdate: true }));
    const token = await findToken(trx, hash, { forUpdate: true });
    if (!user || user.status !== 'active' || !tokenUsable(token, now)) throw invalidToken();
    enforcePasswordPolicy(deps.policy, input.newPassword, user.email, 'newPassword');
    await setPassword(trx, user.id, input.newPassword);
    await useTokens(trx, user.id);
    return { userId: user.id, revokedSessionIds: await revokeUserSessions(trx, user.id) };
  });
}
