import type { Knex } from '../db/postgres.js';

/** How a purge runs: rows per delete statement, and the signal that stops it between batches. */
export interface PurgeOptions {
  batchSize: number;
  signal: AbortSignal;
}

/**
 * Calls `deleteBatch` until it deletes fewer than a batch, or the signal stops it: each statement
 * touches at most `batchSize` rows, so a purge never holds long locks or a huge transaction.
 * Answers the rows deleted in all.
 */
export async function purgeInBatches(deleteBatch: (limit: number) => Promise<number>, options: PurgeOptions): Promise<number> {
  let total = 0;
  for (;;) {
    options.signal.throwIfAborted();
    const deleted = await deleteBatch(options.batchSize);
    total += deleted;
    if (deleted < options.batchSize) return total;
  }
}

/**
 * One bounded delete: at most `limit` rows of `table` that `where` selects, picked by their
 * physical row id (ctid), so it works for any table, whatever its key.
 */
export async function deleteRowsBatch(db: Knex, table: string, where: (query: Knex.QueryBuilder) => void, limit: number): Promise<number> {
  const result = await db.raw(`delete from ?? where ctid = any(array(?))`, [table, db(table).select('ctid').where(where).limit(limit)]);
  return (result as { rowCount: number }).rowCount;
}

/** The moment `days` days before now. */
export const daysAgo = (days: number, now = Date.now()): Date => new Date(now - days * 86_400_000);
