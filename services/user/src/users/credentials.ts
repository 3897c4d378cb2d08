import { createHash, randomBytes } from 'node:crypto';
import { AppError, type Knex } from '@smartcourse/platform';
import type { User } from './rules.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { findUser, findCredentials, setEmailVerified, setPasswordHash } from './store.js';

/**
 * The user whose email and password these are, or undefined. An unknown email costs the same
 * time as a wrong password, so the answer does not reveal which accounts exist.
 */
export async function authenticate(db: Knex, email: string, password: string): Promise<User | undefined> {
  const found = await findCredentials(db, email);
  const valid = await verifyPassword(found?.passwordHash, password);
  return found && valid ? found.user : undefined;
}

/** The user, locked for the rest of the transaction, when the password is theirs; else undefined. */
export async function authenticateById(trx: Knex.Transaction, userId: string, password: string): Promise<User | undefined> {
  const user = await findUser(trx, userId, { forUpdate: true });
  const found = user && (await findCredentials(trx, user.email));
  const valid = await verifyPassword(found?.passwordHash, password);
  return found && valid && found.user.status === 'active' ? found.user : undefined;
}

/** The account with this email, if any (for flows that must not say whether it exists). */
export async function findAccount(db: Knex | Knex.Transaction, email: string): Promise<User | undefined> {
  return (await findCredentials(db, email))?.user;
}

/** Hashes (argon2id) and stores a new password; the caller has checked it against the policy. */
export async function setPassword(trx: Knex.Transaction, userId: string, password: string): Promise<void> {
  await setPasswordHash(trx, userId, await hashPassword(password));
}

/** Marks the account's email verified, once; false when it already was. */
export const markEmailVerified = (trx: Knex.Transaction, userId: string) => setEmailVerified(trx, userId);

export const invalidCredentials = () => new AppError({ code: 'INVALID_CREDENTIALS', message: 'Email or password is wrong.' });

/** A single-use token for a mailed link: 32 random bytes; only its SHA-256 is stored. */
export function newOneTimeToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: digestToken(token) };
}

export const digestToken = (token: string) => createHash('sha256').update(token).digest('hex');

export const invalidToken = () => new AppError({ code: 'INVALID_TOKEN', message: 'The link is not valid: it is unknown, used or expired.' });

/** Whether a stored one-time token may still be used. */
export const tokenUsable = (token: { expires_at: Date; used_at: Date | null } | undefined, now: Date) =>
  token !== undefined && token.used_at === null && token.expires_at.getTime() > now.getTime();
