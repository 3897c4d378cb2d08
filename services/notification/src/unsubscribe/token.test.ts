import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { unsubscribeHeaders, unsubscribeUrl } from './links.js';
import { DEFAULT_UNSUBSCRIBE_TTL_SECONDS, signUnsubscribeToken, verifyUnsubscribeToken } from './token.js';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
const refusal = { code: 'UNSUBSCRIBE_TOKEN_INVALID', status: 400 };

function refused(verify: () => unknown): unknown {
  try {
    verify();
  } catch (error) {
    return error;
  }
  throw new Error('the token was accepted');
}

describe('the unsubscribe token', () => {
  it('names the person and the category it was signed for, expiring after 60 days by default', () => {
    const userId = randomUUID();
    const now = new Date('2026-12-01T12:00:00Z');
    const claim = verifyUnsubscribeToken(SECRET, signUnsubscribeToken(SECRET, { userId, category: 'certificate' }, { now }), now);
    expect(claim).toEqual({ userId, category: 'certificate', expiresAt: new Date(now.getTime() + DEFAULT_UNSUBSCRIBE_TTL_SECONDS * 1000) });
    expect(DEFAULT_UNSUBSCRIBE_TTL_SECONDS).toBe(60 * 86_400);
  });

  it('is refused once expired, and accepted just before', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    const token = signUnsubscribeToken(SECRET, { userId: randomUUID(), category: 'course' }, { now, ttlSeconds: 60 });
    expect(verifyUnsubscribeToken(SECRET, token, new Date(now.getTime() + 59_000)).category).toBe('course');
    const error = refused(() => verifyUnsubscribeToken(SECRET, token, new Date(now.getTime() + 60_000)));
    expect(error).toMatchObject(refusal);
    expect((error as Error).message).toMatch(/expired/);
  });

  it('is refused when its payload is altered: another person, another category, a later expiry', () => {
    const token = signUnsubscribeToken(SECRET, { userId: randomUUID(), category: 'progress' });
    const [payload, mac] = token.split('.') as [string, string];
    const claim = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { u: string; c: string; x: number };
    for (const altered of [
      { ...claim, u: randomUUID() },
      { ...claim, c: 'course' },
      { ...claim, x: claim.x + 86_400 },
    ]) {
      const forged = `${Buffer.from(JSON.stringify(altered)).toString('base64url')}.${mac}`;
      expect(refused(() => verifyUnsubscribeToken(SECRET, forged))).toMatchObject(refusal);
    }
  });

  it('is refused when its MAC is altered, cut or missing, or the token is not one at all', () => {
    const token = signUnsubscribeToken(SECRET, { userId: randomUUID(), category: 'progress' });
    const [payload, mac] = token.split('.') as [string, string];
    const flipped = `${payload}.${mac.slice(0, -2)}${mac.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const bad of [flipped, `${payload}.${mac.slice(0, 20)}`, payload, `${payload}.`, `${token}.extra`, 'not-a-token', '']) {
      expect(refused(() => verifyUnsubscribeToken(SECRET, bad))).toMatchObject(refusal);
    }
  });

  it('is refused under another secret', () => {
    const token = signUnsubscribeToken(SECRET, { userId: randomUUID(), category: 'enrollment' });
    expect(refused(() => verifyUnsubscribeToken(`${SECRET}-rotated`, token))).toMatchObject(refusal);
  });

  it('refuses a well-signed token for the account category (account mail cannot be unsubscribed from)', () => {
    // Signed with the service's secret (the types forbid it), to show the category itself is refused.
    const token = signUnsubscribeToken(SECRET, { userId: randomUUID(), category: 'account' as never });
    expect(refused(() => verifyUnsubscribeToken(SECRET, token))).toMatchObject(refusal);
  });
});

describe('unsubscribe links and headers', () => {
  it('points at the public one-click route with a token that verifies', () => {
    const userId = randomUUID();
    const url = unsubscribeUrl('https://app.example.test/', SECRET, userId, 'assessment');
    expect(url.startsWith('https://app.example.test/api/notifications/unsubscribe?token=')).toBe(true);
    const token = new URL(url).searchParams.get('token')!;
    expect(verifyUnsubscribeToken(SECRET, token)).toMatchObject({ userId, category: 'assessment' });
  });

  it('keeps a path prefix of the app URL', () => {
    expect(unsubscribeUrl('https://example.test/learn', SECRET, randomUUID(), 'course')).toMatch(
      /^https:\/\/example\.test\/learn\/api\/notifications\/unsubscribe\?token=/,
    );
  });

  it('gives the RFC 8058 headers, the URL in angle brackets', () => {
    const url = unsubscribeUrl('https://app.example.test', SECRET, randomUUID(), 'course');
    expect(unsubscribeHeaders(url)).toEqual({ 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
  });

  it('makes no link for account mail', () => {
    expect(() => unsubscribeUrl('https://app.example.test', SECRET, randomUUID(), 'account')).toThrow(/account/);
  });
});
