import { AppError, conflict, type Knex } from '@smartcourse/platform';
import type { LockoutPolicy } from '../sessions/rules.js';
import { guardedAttempt } from '../sessions/throttle.js';
import { acceptedStep, digest, disableFailuresKey, newFactor, newRecoveryCodes, normalizeRecoveryCode } from './rules.js';
import type { SecretBox } from './secret-box.js';
import { confirmFactor, deleteFactor, findFactor, replaceRecoveryCodes, savePendingFactor, useRecoveryCode, recordStep } from './store.js';

export interface MfaDeps {
  db: Knex;
  box: SecretBox;
  issuer: string;
  /** How many wrong codes may try to turn MFA off, and for how long it is then locked. */
  disableLockout: LockoutPolicy;
}

export const invalidCode = () => new AppError({ code: 'INVALID_MFA_CODE', message: 'The code is not valid.' });
const locked = (retryAfterSeconds: number) =>
  new AppError({ code: 'MFA_LOCKED', message: 'Too many wrong codes; try again later.', details: { retryAfterSeconds } });

/** Step 1: a secret and its otpauth:// URI, shown once; nothing is enforced until confirmed. */
export async function startEnrollment(deps: MfaDeps, user: { id: string; email: string }) {
  return deps.db.transaction(async (trx) => {
    const existing = await findFactor(trx, user.id, { forUpdate: true });
    if (existing?.confirmed_at) throw conflict('MFA_ALREADY_ENABLED', 'Multi-factor authentication is already on; disable it first.');
    const factor = newFactor(user.email, deps.issuer);
    await savePendingFactor(trx, user.id, deps.box.seal(factor.secret));
    return { secret: factor.secret, otpauthUri: factor.uri };
  });
}

/** Step 2: a code from the app proves it holds the secret; MFA is on and recovery codes are issued (shown once). */
export async function confirmEnrollment(deps: MfaDeps, userId: string, code: string, now = Date.now()) {
  return deps.db.transaction(async (trx) => {
    const factor = await findFactor(trx, userId, { forUpdate: true });
    if (!factor) throw conflict('MFA_NOT_STARTED', 'Start the set-up first.');
    if (factor.confirmed_at) throw conflict('MFA_ALREADY_ENABLED', 'Multi-factor authentication is already on.');
    const step = acceptedStep(deps.box.open(factor.sealed_secret), code, now, null);
    if (step === undefined) throw invalidCode();
    await confirmFactor(trx, userId, step);
    const recoveryCodes = newRecoveryCodes();
    await replaceRecoveryCodes(
      trx,
      userId,
      recoveryCodes.map((c) => digest(normalizeRecoveryCode(c))),
    );
    return { recoveryCodes };
  });
}

/** Checks a TOTP or recovery code of a user with MFA on, consuming it; false when wrong. */
export async function consumeSecondFactor(trx: Knex.Transaction, box: SecretBox, userId: string, code: string, now = Date.now()): Promise<boolean> {
  const factor = await findFactor(trx, userId, { forUpdate: true });
  if (!factor?.confirmed_at) return false;
  const step = acceptedStep(box.open(factor.sealed_secret), code, now, factor.last_step === null ? null : Number(factor.last_step));
  if (step !== undefined) {
    await recordStep(trx, userId, step);
    return true;
  }
  return useRecoveryCode(trx, userId, digest(normalizeRecoveryCode(code)));
}

/**
 * Turning MFA off needs a current code (or a recovery code), not just a session: a stolen access
 * token must not guess its way past the second factor. Wrong codes count per user under a row
 * lock (concurrent guesses serialise); the last allowed one locks it, and while locked even the
 * right code is refused. The count commits with a wrong code, so the error is thrown after.
 */
export async function disableMfa(deps: MfaDeps, userId: string, code: string, now = new Date()) {
  const refusal = await deps.db.transaction(async (trx) => {
    const attempt = await guardedAttempt(trx, disableFailuresKey(userId), deps.disableLockout, now, () =>
      consumeSecondFactor(trx, deps.box, userId, code, now.getTime()),
    );
    if (attempt.kind === 'locked') return locked(attempt.retryAfterSeconds);
    if (attempt.kind === 'wrong') return invalidCode();
    await deleteFactor(trx, userId);
    return undefined;
  });
  if (refusal) throw refusal;
}

export async function mfaEnabled(db: Knex | Knex.Transaction, userId: string): Promise<boolean> {
  return Boolean((await findFactor(db, userId))?.confirmed_at);
}
