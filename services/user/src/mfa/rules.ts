import { createHash, randomInt } from 'node:crypto';
import * as OTPAuth from 'otpauth';

/** RFC 6238 as authenticator apps expect it: SHA-1, 6 digits, 30-second steps. */
const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** One step either side absorbs clock drift between phone and server. */
const WINDOW = 1;

export const RECOVERY_CODE_COUNT = 10;
export const CHALLENGE_TTL_MS = 5 * 60_000;
export const CHALLENGE_MAX_ATTEMPTS = 5;
/** Wrong codes to turn MFA off, per user within the login failure window, before it is locked out like a login. */
export const DISABLE_MAX_FAILURES = 5;

/** The failure count of turning MFA off, kept with the login failures. */
export const disableFailuresKey = (userId: string) => `mfa-disable:${userId}`;

function totp(secretBase32: string, account = '', issuer = 'SmartCourse') {
  return new OTPAuth.TOTP({
    issuer,
    label: account,
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD_SECONDS,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

/** A new 160-bit secret, base32 as apps take it, and its otpauth:// URI for a QR code. */
export function newFactor(account: string, issuer: string): { secret: string; uri: string } {
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  return { secret, uri: totp(secret, account, issuer).toString() };
}

/**
 * The time step a code belongs to, or undefined when it is wrong. A step at or before
 * `lastStep` was already used: refusing it stops a code being replayed within its window.
 */
export function acceptedStep(secretBase32: string, code: string, now: number, lastStep: number | null): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totp(secretBase32).validate({ token: code, timestamp: now, window: WINDOW });
  if (delta === null) return undefined;
  const step = Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
  return lastStep !== null && step <= lastStep ? undefined : step;
}

/** Ten single-use recovery codes like `k3f9-2m8q-7xw4`, shown once. */
export function newRecoveryCodes(): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

export const normalizeRecoveryCode = (code: string) => code.trim().toLowerCase().replace(/[\s-]/g, '');

/** Stored form of recovery codes and challenge tokens: SHA-256, since they are long random values. */
export const digest = (value: string) => createHash('sha256').update(value).digest('hex');
