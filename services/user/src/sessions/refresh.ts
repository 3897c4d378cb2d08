import { AppError, type Logger } from '@smartcourse/platform';
import { findUser } from '../users/store.js';
import { refreshExpiry, tokenPair, type LoginDeps } from './login.js';
import { hashToken, judgeRefresh, newRefreshToken } from './rules.js';
import { findSession, insertRefreshToken, lockRefreshToken, markTokenUsed, revokeSessions, touchSession } from './store.js';

const invalidRefresh = () => new AppError({ code: 'INVALID_REFRESH_TOKEN', message: 'The refresh token is not valid; log in again.' });
/** Names the ended session for the gateway, which refuses its access tokens and keeps the id from the caller. */
const reused = (sessionId: string) =>
  new AppError({ code: 'REFRESH_TOKEN_REUSED', message: 'This refresh token was already used; the session is ended. Log in again.', details: { sessionId } });

/**
 * Rotates a refresh token in one transaction under the token's row lock: of two concurrent
 * refreshes with the same token, the second sees it spent and ends the session. Reuse and
 * inactive accounts revoke the family, and that revocation commits before the error is thrown;
 * on reuse the error names the session, so the gateway can refuse the access tokens its rotations issued.
 */
export async function refresh(deps: LoginDeps, refreshToken: string, log: Logger) {
  const now = new Date();
  const outcome = await deps.db.transaction(async (trx) => {
    const token = await lockRefreshToken(trx, hashToken(refreshToken));
    const session = token && (await findSession(trx, token.session_id));
    const verdict = judgeRefresh(
      token && session && { usedAt: token.used_at, revokedAt: token.revoked_at, expiresAt: token.expires_at, sessionRevokedAt: session.revoked_at },
      now,
    );
    if (!token || verdict === 'invalid') return { error: invalidRefresh() };
    if (verdict === 'reused') {
      await revokeSessions(trx, { userId: token.user_id, sessionId: token.session_id }, now);
      log.warn({ userId: token.user_id, sessionId: token.session_id }, 'refresh token reused; session revoked');
      return { error: reused(token.session_id) };
    }
    const user = await findUser(trx, token.user_id);
    if (!user || user.status !== 'active') {
      await revokeSessions(trx, { userId: token.user_id, sessionId: token.session_id }, now);
      return { error: invalidRefresh() };
    }
    const next = newRefreshToken();
    await markTokenUsed(trx, token.token_hash, now);
    await insertRefreshToken(trx, { token_hash: hashToken(next), session_id: token.session_id, user_id: user.id, expires_at: refreshExpiry(deps, now) });
    await touchSession(trx, token.session_id, now);
    return { user, sessionId: token.session_id, next };
  });
  if ('error' in outcome) throw outcome.error;
  return tokenPair(deps, outcome.user, outcome.sessionId, outcome.next, now);
}
