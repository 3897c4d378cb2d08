import type { Knex } from '@smartcourse/platform';

export interface VerificationTokenRow {
  token_hash: string;
  user_id: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

type Db = Knex | Knex.Transaction;

const TABLE = 'email_verification_tokens';

/** A new token replaces the account's earlier unused ones: only the latest link works. */
export async function replaceToken(trx: Knex.Transaction, token: { hash: string; userId: string; expiresAt: Date }): Promise<void> {
  await trx(TABLE).where({ user_id: token.userId }).whereNull('used_at').where('expires_at', '>', trx.fn.now()).update({ expires_at: trx.fn.now() });
  await trx(TABLE).insert({ token_hash: token.hash, user_id: token.userId, expires_at: token.expiresAt });
}

export function findToken(db: Db, hash: string, options: { forUpdate?: boolean } = {}): Promise<VerificationTokenRow | undefined> {
  const query = db<VerificationTokenRow>(TABLE).where({ token_hash: hash }).first();
  return options.forUpdate ? query.forUpdate() : query;
}

export async function useToken(trx: Knex.Transaction, hash: string): Promise<void> {
  await trx(TABLE).where({ token_hash: hash }).update({ used_at: trx.fn.now() });
}

/** When links went to this account since `since`, for throttling. */
export async function sentSince(db: Db, userId: string, since: Date): Promise<Date[]> {
  const rows = await db<VerificationTokenRow>(TABLE).where({ user_id: userId }).where('created_at', '>', since).select('created_at');
  return rows.map((row) => row.created_at);
}
