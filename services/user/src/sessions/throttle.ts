import type { ErrorCode } from '@smartcourse/contracts/errors';
import { AppError, type Knex } from '@smartcourse/platform';
import { countFailure, emailKey, ipKey, lockRemaining, type LockoutPolicy } from './rules.js';
import { clearFailures, findFailures, lockFailures, saveFailures } from './store.js';

export interface LockoutPolicies {
  /** Per normalized email, known or not: the same answers either way. */
  email: LockoutPolicy;
  /** Per client IP, across emails: slows password spraying. */
  ip: LockoutPolicy;
}

export interface LoginAttempt {
  email: string;
  clientIp?: string | undefined;
}

const tooMany = (code: ErrorCode, message: string, retryAfterSeconds: number) => new AppError({ code, message, details: { retryAfterSeconds } });

const keysOf = (attempt: LoginAttempt) => [emailKey(attempt.email), ...(attempt.clientIp ? [ipKey(attempt.clientIp)] : [])];

/** Refuses the attempt before any password check while its email or its IP is locked out. */
export async function assertNotLocked(db: Knex, attempt: LoginAttempt, now: Date): Promise<void> {
  const counts = await findFailures(db, keysOf(attempt));
  const emailWait = lockRemaining(counts.get(emailKey(attempt.email)), now);
  if (emailWait > 0) throw tooMany('LOGIN_LOCKED', 'Too many failed logins; try again later.', emailWait);
  const ipWait = attempt.clientIp ? lockRemaining(counts.get(ipKey(attempt.clientIp)), now) : 0;
  if (ipWait > 0) throw tooMany('LOGIN_THROTTLED', 'Too many failed logins from this address; try again later.', ipWait);
}

/** Counts a failure against the email and the IP, each under its row lock (always email first, so no deadlock). */
export async function recordFailedLogin(db: Knex, policies: LockoutPolicies, attempt: LoginAttempt, now: Date): Promise<void> {
  await db.transaction(async (trx) => {
    const counted: Array<[string, LockoutPolicy]> = [[emailKey(attempt.email), policies.email]];
    if (attempt.clientIp) counted.push([ipKey(attempt.clientIp), policies.ip]);
    for (const [key, policy] of counted) {
      await saveFailures(trx, key, countFailure(await lockFailures(trx, key, now), policy, now));
    }
  });
}

/** A correct password wipes the email's count; the IP's stays, as one success says nothing about the other emails it tried. */
export const forgetFailures = (db: Knex, attempt: LoginAttempt) => clearFailures(db, emailKey(attempt.email));

export type GuardedAttempt = { kind: 'passed' } | { kind: 'wrong' } | { kind: 'locked'; retryAfterSeconds: number };

/**
 * Another secret checked like a password (a code to turn MFA off), counted under its own key in
 * the caller's transaction: the key's row lock serialises concurrent guesses. While locked the
 * check does not run; the failure that reaches the limit answers locked at once; a pass clears the count.
 */
export async function guardedAttempt(
  trx: Knex.Transaction,
  key: string,
  policy: LockoutPolicy,
  now: Date,
  check: () => Promise<boolean>,
): Promise<GuardedAttempt> {
  const failures = await lockFailures(trx, key, now);
  const wait = lockRemaining(failures, now);
  if (wait > 0) return { kind: 'locked', retryAfterSeconds: wait };
  if (await check()) {
    await clearFailures(trx, key);
    return { kind: 'passed' };
  }
  const counted = countFailure(failures, policy, now);
  await saveFailures(trx, key, counted);
  const lockedFor = lockRemaining(counted, now);
  return lockedFor > 0 ? { kind: 'locked', retryAfterSeconds: lockedFor } : { kind: 'wrong' };
}

/** Drops the failure count of a key (erasure). */
export const forgetAttempts = (trx: Knex.Transaction, key: string) => clearFailures(trx, key);
