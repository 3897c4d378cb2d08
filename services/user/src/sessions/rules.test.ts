import { describe, expect, it } from '@jest/globals';
import { countFailure, emailKey, hashToken, judgeRefresh, lockRemaining, newRefreshToken, type FailureCount } from './rules.js';

const policy = { maxFailures: 5, windowSeconds: 900, lockoutSeconds: 900 };
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1) + seconds * 1000);

function failTimes(times: number[], start?: FailureCount) {
  return times.reduce<FailureCount | undefined>((count, second) => countFailure(count, policy, at(second)), start);
}

describe('refresh tokens', () => {
  it('are 32 random bytes in base64url and stored only as a SHA-256 hex digest', () => {
    const token = newRefreshToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(newRefreshToken()).not.toBe(token);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toContain(token);
  });

  const live = { usedAt: null, revokedAt: null, expiresAt: at(100), sessionRevokedAt: null };

  it('rotates a live token', () => {
    expect(judgeRefresh(live, at(0))).toBe('rotate');
  });

  it('calls a spent token reuse, even once its session is revoked', () => {
    expect(judgeRefresh({ ...live, usedAt: at(-5) }, at(0))).toBe('reused');
    expect(judgeRefresh({ ...live, usedAt: at(-5), sessionRevokedAt: at(-1) }, at(0))).toBe('reused');
  });

  it('refuses unknown, revoked, expired tokens and tokens of a revoked session', () => {
    expect(judgeRefresh(undefined, at(0))).toBe('invalid');
    expect(judgeRefresh({ ...live, revokedAt: at(-1) }, at(0))).toBe('invalid');
    expect(judgeRefresh({ ...live, sessionRevokedAt: at(-1) }, at(0))).toBe('invalid');
    expect(judgeRefresh(live, at(100))).toBe('invalid');
  });
});

describe('login lockout', () => {
  it('locks on the fifth failure within the window, for the lockout period', () => {
    const four = failTimes([0, 10, 20, 30]);
    expect(four).toMatchObject({ failures: 4, lockedUntil: null });
    expect(lockRemaining(four, at(31))).toBe(0);
    const five = failTimes([40], four);
    expect(lockRemaining(five, at(40))).toBe(900);
    expect(lockRemaining(five, at(939.5))).toBe(1);
    expect(lockRemaining(five, at(940))).toBe(0);
  });

  it('starts counting afresh once the window has passed', () => {
    const late = failTimes([0, 1, 2, 3, 900]);
    expect(late).toMatchObject({ failures: 1, windowStartedAt: at(900) });
    expect(lockRemaining(late, at(900))).toBe(0);
  });

  it('gives the full number of tries again after a lock runs out', () => {
    const locked = failTimes([0, 1, 2, 3, 4]);
    const afterLock = failTimes([1000, 1001, 1002, 1003], locked);
    expect(lockRemaining(afterLock, at(1003))).toBe(0);
    expect(lockRemaining(failTimes([1004], afterLock), at(1004))).toBe(900);
  });

  it('keys emails case- and space-insensitively', () => {
    expect(emailKey(' Someone@Example.TEST ')).toBe(emailKey('someone@example.test'));
  });
});
