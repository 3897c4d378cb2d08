import { describe, expect, it } from '@jest/globals';
import * as OTPAuth from 'otpauth';
import { acceptedStep, newFactor, newRecoveryCodes, normalizeRecoveryCode } from './rules.js';
import { createSecretBox } from './secret-box.js';

const codeAt = (secret: string, timestamp: number) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp });

describe('TOTP (RFC 6238)', () => {
  const now = Date.UTC(2026, 10, 23, 12, 0, 10);

  it('issues a 160-bit base32 secret with an otpauth URI authenticator apps read', () => {
    const { secret, uri } = newFactor('ada@example.test', 'SmartCourse');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toMatch(/^otpauth:\/\/totp\/SmartCourse:ada%40example\.test\?/);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain('period=30');
    expect(uri).toContain('digits=6');
  });

  it('matches the RFC 6238 test vector for SHA-1 (59 s → 94287082, 8 digits)', () => {
    const secret = OTPAuth.Secret.fromUTF8('12345678901234567890');
    const rfc = new OTPAuth.TOTP({ secret, digits: 8, period: 30, algorithm: 'SHA1' });
    expect(rfc.generate({ timestamp: 59_000 })).toBe('94287082');
  });

  it('accepts the current code and one step of drift either way, not two', () => {
    const { secret } = newFactor('a', 'b');
    const step = Math.floor(now / 30_000);
    expect(acceptedStep(secret, codeAt(secret, now), now, null)).toBe(step);
    expect(acceptedStep(secret, codeAt(secret, now - 30_000), now, null)).toBe(step - 1);
    expect(acceptedStep(secret, codeAt(secret, now + 30_000), now, null)).toBe(step + 1);
    expect(acceptedStep(secret, codeAt(secret, now - 90_000), now, null)).toBeUndefined();
  });

  it('never accepts a code of a step already used', () => {
    const { secret } = newFactor('a', 'b');
    const step = acceptedStep(secret, codeAt(secret, now), now, null)!;
    expect(acceptedStep(secret, codeAt(secret, now), now, step)).toBeUndefined();
    expect(acceptedStep(secret, codeAt(secret, now + 30_000), now + 30_000, step)).toBe(step + 1);
  });

  it('refuses malformed codes', () => {
    const { secret } = newFactor('a', 'b');
    for (const code of ['', '12345', '1234567', 'abcdef', ' 123456']) expect(acceptedStep(secret, code, now, null)).toBeUndefined();
  });
});

describe('recovery codes', () => {
  it('gives ten distinct readable codes that normalize for comparison', () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(normalizeRecoveryCode(' AB3D-EF4G-HJ5K ')).toBe('ab3def4ghj5k');
  });
});

describe('the secret box', () => {
  it('round-trips, uses a fresh nonce each time and rejects tampering', () => {
    const box = createSecretBox(Buffer.alloc(32, 7));
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    expect(box.open(sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(box.seal('JBSWY3DPEHPK3PXP')).not.toBe(sealed);
    const [iv, tag, body] = sealed.split('.');
    expect(() => box.open([iv, tag, `${body}A`].join('.'))).toThrow();
    expect(() => createSecretBox(Buffer.alloc(31)).seal('x')).toThrow(/32 bytes/);
  });
});
