import { describe, expect, it } from '@jest/globals';
import { keyRing, tokenSettings } from './keys.js';

const secret = 'a'.repeat(32);

describe('the signing key ring', () => {
  it('parses several kid:secret pairs', () => {
    const ring = keyRing.parse(`k1:${secret}, k2:${'b'.repeat(40)}`);
    expect([...ring.keys()]).toEqual(['k1', 'k2']);
    expect(new TextDecoder().decode(ring.get('k1'))).toBe(secret);
  });

  it('refuses short secrets and entries without a kid', () => {
    expect(keyRing.safeParse('k1:short').success).toBe(false);
    expect(keyRing.safeParse(`:${secret}`).success).toBe(false);
    expect(keyRing.safeParse('').success).toBe(false);
  });

  it('requires the active kid to be in the ring', () => {
    const ring = keyRing.parse(`k1:${secret}`);
    const base = { JWT_KEYS: ring, JWT_ISSUER: 'i', JWT_AUDIENCE: 'a', ACCESS_TOKEN_TTL_SECONDS: 900 };
    expect(() => tokenSettings({ ...base, JWT_ACTIVE_KID: 'k9' })).toThrow(/JWT_ACTIVE_KID/);
    expect(tokenSettings({ ...base, JWT_ACTIVE_KID: 'k1' }).activeKid).toBe('k1');
  });
});
