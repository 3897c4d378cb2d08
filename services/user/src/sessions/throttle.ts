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

const tooMany = (code: ErrorCode, message: string, retryAfterSeconds: number) =>
  new AppError({ code, message, details: { retryAfterSeconds } });

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
