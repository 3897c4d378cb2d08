import { describe, expect, it } from '@jest/globals';
import { commandIdForKey, decideReplay, isIdempotencyKey, isReplayable, parseRate, rateLimitHeaders, requestFingerprint, uuidV5 } from './rules.js';

describe('rate settings', () => {
  it('reads a count per unit, and a bare count as per minute', () => {
    expect(parseRate('20/min')).toEqual({ points: 20, durationSeconds: 60 });
    expect(parseRate('5/s')).toEqual({ points: 5, durationSeconds: 1 });
    expect(parseRate('1000 / hour')).toEqual({ points: 1000, durationSeconds: 3600 });
    expect(parseRate('120')).toEqual({ points: 120, durationSeconds: 60 });
  });

  it('refuses nonsense and zero', () => {
    expect(parseRate('fast')).toBeUndefined();
    expect(parseRate('10/fortnight')).toBeUndefined();
    expect(parseRate('0/min')).toBeUndefined();
  });

  it('reports the limit, what is left and whole seconds to the reset', () => {
    expect(rateLimitHeaders({ points: 20, durationSeconds: 60 }, { remainingPoints: 3, msBeforeNext: 41_200 })).toEqual({
      'RateLimit-Limit': '20',
      'RateLimit-Remaining': '3',
      'RateLimit-Reset': '42',
      'RateLimit-Policy': '20;w=60',
    });
    expect(rateLimitHeaders({ points: 1, durationSeconds: 1 }, { remainingPoints: -4, msBeforeNext: 0 })).toMatchObject({
      'RateLimit-Remaining': '0',
      'RateLimit-Reset': '1',
    });
  });
});

describe('idempotency keys', () => {
  it('accepts 1 to 255 visible ASCII characters only', () => {
    expect(isIdempotencyKey('a')).toBe(true);
    expect(isIdempotencyKey('9f1c-ORDER_42:retry~!')).toBe(true);
    expect(isIdempotencyKey('x'.repeat(255))).toBe(true);
    expect(isIdempotencyKey('')).toBe(false);
    expect(isIdempotencyKey('x'.repeat(256))).toBe(false);
    expect(isIdempotencyKey('has space')).toBe(false);
    expect(isIdempotencyKey('clé')).toBe(false);
  });

  it('fingerprints the same request the same way whatever the key order of its body', () => {
    const a = requestFingerprint({ method: 'patch', url: '/api/users/me', body: { fullName: 'A', bio: { x: 1, y: [2, 3] } } });
    const b = requestFingerprint({ method: 'PATCH', url: '/api/users/me', body: { bio: { y: [2, 3], x: 1 }, fullName: 'A' } });
    expect(a).toBe(b);
    expect(requestFingerprint({ method: 'PATCH', url: '/api/users/me', body: { fullName: 'B' } })).not.toBe(a);
    expect(requestFingerprint({ method: 'PUT', url: '/api/users/me', body: { fullName: 'A', bio: { x: 1, y: [2, 3] } } })).not.toBe(a);
  });

  it('derives a stable UUIDv5 command id per user, key and request', () => {
    // RFC 9562 appendix A.4: name "www.example.com" in the DNS namespace.
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    const id = commandIdForKey('user:1', 'key-1', 'f1');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(commandIdForKey('user:1', 'key-1', 'f1')).toBe(id);
    expect(commandIdForKey('user:2', 'key-1', 'f1')).not.toBe(id);
    expect(commandIdForKey('user:1', 'key-1', 'f2')).not.toBe(id);
  });

  it('replays a finished answer, refuses a reused key, and reports one still running', () => {
    const response = { status: 200, headers: { 'x-command-id': 'c1' }, body: { data: 1 } };
    expect(decideReplay({ fingerprint: 'f', state: 'done', response }, 'f')).toEqual({ kind: 'replay', response });
    expect(decideReplay({ fingerprint: 'f', state: 'done', response }, 'g')).toEqual({ kind: 'reused' });
    expect(decideReplay({ fingerprint: 'f', state: 'running' }, 'f')).toEqual({ kind: 'in-progress' });
    expect(decideReplay({ fingerprint: 'f', state: 'running' }, 'g')).toEqual({ kind: 'reused' });
  });

  it('keeps answers below 500 and releases the key after a server error', () => {
    expect(isReplayable(202)).toBe(true);
    expect(isReplayable(409)).toBe(true);
    expect(isReplayable(503)).toBe(false);
  });
});
