import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { TokenSettings } from '@smartcourse/platform';
import type { User } from '../users/rules.js';

/**
 * A 15-minute HS256 access token bound to its session (`sid`); only the gateway verifies it.
 * `iat` keeps milliseconds (a NumericDate may be fractional): the gateway voids a person's tokens
 * issued before a role change or deactivation, and a login in the same second after it must pass.
 */
export async function issueAccessToken(settings: TokenSettings, user: User, sessionId: string, now = new Date()) {
  const key = settings.keys.get(settings.activeKid);
  if (!key) throw new Error('active signing key missing');
  const issuedAt = Math.floor(now.getTime() / 1000);
  const issuedAtExact = now.getTime() / 1000;
  const accessToken = await new SignJWT({ role: user.role, type: 'access', sid: sessionId })
    .setProtectedHeader({ alg: 'HS256', kid: settings.activeKid, typ: 'JWT' })
    .setSubject(user.id)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setJti(randomUUID())
    .setIssuedAt(issuedAtExact)
    .setNotBefore(issuedAt)
    .setExpirationTime(issuedAt + settings.accessTtlSeconds)
    .sign(key);
  return { accessToken, tokenType: 'Bearer' as const, expiresIn: settings.accessTtlSeconds };
}
