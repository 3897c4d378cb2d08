import { deleteRowsBatch, type Knex } from '@smartcourse/platform';

export interface OneTimeTokenRow {
  token_hash: string;
  user_id: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

type Db = Knex | Knex.Transaction;

/** Queries over one table of single-use tokens stored as hashes (password reset, email verification). */
export function oneTimeTokenStore(table: string) {
  return {
    /** A new token replaces the account's earlier unused ones: only the latest link works. */
    async replaceToken(trx: Knex.Transaction, token: { hash: string; userId: string; expiresAt: Date }): Promise<void> {
      await trx(table).where({ user_id: token.userId }).whereNull('used_at').where('expires_at', '>', trx.fn.now()).update({ expires_at: trx.fn.now() });
      await trx(table).insert({ token_hash: token.hash, user_id: token.userId, expires_at: token.expiresAt });
    },

    findToken(db: Db, hash: string, options: { forUpdate?: boolean } = {}): Promise<OneTimeTokenRow | undefined> {
      const query = db<OneTimeTokenRow>(table).where({ token_hash: hash }).first();
      return options.forUpdate ? query.forUpdate() : query;
    },

    async useToken(trx: Knex.Transaction, hash: string): Promise<void> {
      await trx(table).where({ token_hash: hash }).update({ used_at: trx.fn.now() });
    },

    /** Spends every unused token of the account. */
    async useAllTokens(trx: Knex.Transaction, userId: string): Promise<void> {
      await trx(table).where({ user_id: userId }).whereNull('used_at').update({ used_at: trx.fn.now() });
    },

    /** When tokens went to this account since `since`, for throttling the mails that carry them. */
    async sentSince(db: Db, userId: string, since: Date): Promise<Date[]> {
      const rows = await db<OneTimeTokenRow>(table).where({ user_id: userId }).where('created_at', '>', since).select('created_at');
      return rows.map((row) => row.created_at);
    },

    /** Deletes at most `limit` tokens that expired before `before` (used or not); answers how many. */
    deleteExpired(db: Knex, before: Date, limit: number): Promise<number> {
      return deleteRowsBatch(db, table, (q) => q.where('expires_at', '<', before), limit);
    },
  };
}
