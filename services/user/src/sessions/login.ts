import { randomUUID } from 'node:crypto';
import type { LoginRequest, MfaLoginRequest } from '@smartcourse/contracts';
import { AppError, type Knex, type TokenSettings } from '@smartcourse/platform';
import { completeChallengeWithCode, createChallenge } from '../mfa/challenge.js';
import { mfaEnabled } from '../mfa/enrollment.js';
import type { SecretBox } from '../mfa/secret-box.js';
import { authenticate } from '../users/credentials.js';
import { recordLogin } from '../users/logins.js';
import { findUser } from '../users/store.js';
import type { User } from '../users/rules.js';
import { newRefreshToken, hashToken } from './rules.js';
import { insertRefreshToken, insertSession } from './store.js';
import { assertNotLocked, forgetFailures, recordFailedLogin, type LockoutPolicies } from './throttle.js';
import { issueAccessToken } from './tokens.js';

export interface SessionSettings {
  refreshTtlSeconds: number;
  lockout: LockoutPolicies;
}

export interface LoginDeps {
  db: Knex;
  tokens: TokenSettings;
  sessions: SessionSettings;
}

/** Where a login comes from, as the gateway saw it; kept on the session for the session list. */
export interface Client {
  userAgent?: string | undefined;
  clientIp?: string | undefined;
}

const invalidCredentials = () => new AppError({ code: 'INVALID_CREDENTIALS', message: 'Email or password is wrong.' });
const deactivated = () => new AppError({ code: 'ACCOUNT_DEACTIVATED', message: 'This account is deactivated.' });

/** An access token for the session and the refresh token that continues it. */
export async function tokenPair(deps: LoginDeps, user: User, sessionId: string, refreshToken: string, now: Date) {
  return { ...(await issueAccessToken(deps.tokens, user, sessionId, now)), refreshToken, refreshExpiresIn: deps.sessions.refreshTtlSeconds };
}

export const refreshExpiry = (deps: LoginDeps, now: Date) => new Date(now.getTime() + deps.sessions.refreshTtlSeconds * 1000);

/** Opens a session (a new refresh-token family) for a user who has proved who they are. */
export async function startSession(deps: LoginDeps, user: User, client: Client) {
  const now = new Date();
  const sessionId = randomUUID();
  const refreshToken = newRefreshToken();
  await deps.db.transaction(async (trx) => {
    await insertSession(trx, { id: sessionId, user_id: user.id, user_agent: client.userAgent ?? null, client_ip: client.clientIp ?? null });
    await insertRefreshToken(trx, { token_hash: hashToken(refreshToken), session_id: sessionId, user_id: user.id, expires_at: refreshExpiry(deps, now) });
    await recordLogin(trx, user.id, now);
  });
  return tokenPair(deps, user, sessionId, refreshToken, now);
}

/**
 * Checks a password under lockout and throttling, then opens a session, or answers an MFA
 * challenge when the account has a second factor. Unknown and erased emails fail exactly as a
 * wrong password does, and are counted and locked the same way.
 */
export async function login(deps: LoginDeps, input: LoginRequest, client: Client) {
  const attempt = { email: input.email, clientIp: client.clientIp };
  const now = new Date();
  await assertNotLocked(deps.db, attempt, now);
  const user = await authenticate(deps.db, input.email, input.password);
  if (!user || user.status === 'erased') {
    await recordFailedLogin(deps.db, deps.sessions.lockout, attempt, now);
    throw invalidCredentials();
  }
  await forgetFailures(deps.db, attempt);
  if (user.status !== 'active') throw deactivated();
  if (await mfaEnabled(deps.db, user.id)) return createChallenge(deps.db, user.id, client);
  return startSession(deps, user, client);
}

/** The second step of an MFA login: a good code opens the session the password step asked for. */
export async function loginWithMfa(deps: LoginDeps & { box: SecretBox }, input: MfaLoginRequest) {
  const passed = await completeChallengeWithCode(deps.db, deps.box, input.challengeToken, input.code);
  const user = await findUser(deps.db, passed.userId);
  if (!user || user.status !== 'active') throw deactivated();
  return startSession(deps, user, { userAgent: passed.userAgent ?? undefined, clientIp: passed.clientIp ?? undefined });
}
