import { createHash, randomBytes } from 'node:crypto';

/** A refresh token: 32 random bytes, base64url. Only its SHA-256 is ever stored. */
export const newRefreshToken = () => randomBytes(32).toString('base64url');

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface PresentedToken {
  usedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
  sessionRevokedAt: Date | null;
}

/**
 * What presenting a refresh token means. A spent token shown again is reuse: someone holds a
 * copy, so the whole family goes. A revoked or expired one is simply no longer good.
 */
export function judgeRefresh(token: PresentedToken | undefined, now: Date): 'rotate' | 'reused' | 'invalid' {
  if (!token) return 'invalid';
  if (token.usedAt) return 'reused';
  if (token.revokedAt || token.sessionRevokedAt) return 'invalid';
  return token.expiresAt.getTime() > now.getTime() ? 'rotate' : 'invalid';
}

export interface LockoutPolicy {
  maxFailures: number;
  windowSeconds: number;
  lockoutSeconds: number;
}

/** Failed logins counted under one key (an email or a client IP) in a fixed window. */
export interface FailureCount {
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
}

export const emailKey = (email: string) => `email:${email.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

/** Seconds until the key may try again, or 0 when it is not locked. */
export function lockRemaining(count: FailureCount | undefined, now: Date): number {
  if (!count?.lockedUntil) return 0;
  return Math.max(0, Math.ceil((count.lockedUntil.getTime() - now.getTime()) / 1000));
}

/**
 * One more failure. The window restarts once it has passed; reaching the limit locks the key
 * and starts a fresh count, so after the lock there are again `maxFailures` tries.
 */
export function countFailure(count: FailureCount | undefined, policy: LockoutPolicy, now: Date): FailureCount {
  const windowOpen = count && now.getTime() - count.windowStartedAt.getTime() < policy.windowSeconds * 1000;
  const failures = windowOpen ? count.failures + 1 : 1;
  const windowStartedAt = windowOpen ? count.windowStartedAt : now;
  if (failures >= policy.maxFailures) {
    return { failures: 0, windowStartedAt: now, lockedUntil: new Date(now.getTime() + policy.lockoutSeconds * 1000) };
  }
  return { failures, windowStartedAt, lockedUntil: count?.lockedUntil ?? null };
}
