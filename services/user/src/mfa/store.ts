import { deleteRowsBatch, type Knex } from '@smartcourse/platform';

export interface FactorRow {
  user_id: string;
  sealed_secret: string;
  confirmed_at: Date | null;
  last_step: string | null;
}

type Db = Knex | Knex.Transaction;

export function findFactor(db: Db, userId: string, options: { forUpdate?: boolean } = {}): Promise<FactorRow | undefined> {
  const query = db<FactorRow>('mfa_factors').where({ user_id: userId }).first();
  return options.forUpdate ? query.forUpdate() : query;
}

/** Starts (or restarts) enrolment: an unconfirmed factor replaces an earlier unconfirmed one. */
export async function savePendingFactor(trx: Knex.Transaction, userId: string, sealedSecret: string): Promise<void> {
  await trx('mfa_factors')
    .insert({ user_id: userId, sealed_secret: sealedSecret, confirmed_at: null, last_step: null })
    .onConflict('user_id')
    .merge(['sealed_secret', 'confirmed_at', 'last_step']);
}

export async function confirmFactor(trx: Knex.Transaction, userId: string, step: number): Promise<void> {
  await trx('mfa_factors').where({ user_id: userId }).update({ confirmed_at: trx.fn.now(), last_step: step });
}

export async function recordStep(trx: Knex.Transaction, userId: string, step: number): Promise<void> {
  await trx('mfa_factors').where({ user_id: userId }).update({ last_step: step });
}

export async function deleteFactor(trx: Knex.Transaction, userId: string): Promise<void> {
  await trx('mfa_recovery_codes').where({ user_id: userId }).delete();
  await trx('mfa_challenges').where({ user_id: userId }).delete();
  await trx('mfa_factors').where({ user_id: userId }).delete();
}

export async function replaceRecoveryCodes(trx: Knex.Transaction, userId: string, hashes: string[]): Promise<void> {
  await trx('mfa_recovery_codes').where({ user_id: userId }).delete();
  await trx('mfa_recovery_codes').insert(hashes.map((code_hash) => ({ user_id: userId, code_hash })));
}

/** Marks an unused recovery code used; false when there is none such. */
export async function useRecoveryCode(trx: Knex.Transaction, userId: string, hash: string): Promise<boolean> {
  const used = await trx('mfa_recovery_codes').where({ user_id: userId, code_hash: hash }).whereNull('used_at').update({ used_at: trx.fn.now() });
  return used === 1;
}

export async function countUnusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const [row] = await db('mfa_recovery_codes').where({ user_id: userId }).whereNull('used_at').count<{ count: string }[]>({ count: '*' });
  return Number(row?.count ?? 0);
}

export interface ChallengeRow {
  token_hash: string;
  user_id: string;
  expires_at: Date;
  attempts: number;
  completed_at: Date | null;
  user_agent: string | null;
  client_ip: string | null;
}

export async function insertChallenge(db: Db, challenge: Omit<ChallengeRow, 'attempts' | 'completed_at'>): Promise<void> {
  await db('mfa_challenges').insert(challenge);
}

export function findChallenge(trx: Knex.Transaction, tokenHash: string): Promise<ChallengeRow | undefined> {
  return trx<ChallengeRow>('mfa_challenges').where({ token_hash: tokenHash }).first().forUpdate();
}

export async function countAttempt(trx: Knex.Transaction, tokenHash: string): Promise<void> {
  await trx('mfa_challenges').where({ token_hash: tokenHash }).increment('attempts', 1);
}

export async function completeChallenge(trx: Knex.Transaction, tokenHash: string): Promise<void> {
  await trx('mfa_challenges').where({ token_hash: tokenHash }).update({ completed_at: trx.fn.now() });
}

/** Deletes at most `limit` challenges that expired before `before` (completed or not); answers how many. */
export function deleteExpiredChallenges(db: Knex, before: Date, limit: number): Promise<number> {
  return deleteRowsBatch(db, 'mfa_challenges', (q) => q.where('expires_at', '<', before), limit);
}
