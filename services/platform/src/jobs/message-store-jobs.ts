import type { Knex } from '../db/postgres.js';
import { job, type ScheduledJob } from './job.js';
import { daysAgo, deleteRowsBatch, purgeInBatches } from './purge.js';

export interface MessageRetention {
  INBOX_RETENTION_DAYS: number;
  OUTBOX_RETENTION_HOURS: number;
  PURGE_BATCH_SIZE: number;
}

/** Deletes inbox rows (handled message ids, kept command results) processed before `before`. */
export const purgeInbox = (db: Knex, before: Date, batchSize: number, signal: AbortSignal) =>
  purgeInBatches((limit) => deleteRowsBatch(db, 'inbox', (q) => q.where('processed_at', '<', before), limit), { batchSize, signal });

/** Deletes outbox rows published before `before`; unpublished and parked rows stay. */
export const purgePublishedOutbox = (db: Knex, before: Date, batchSize: number, signal: AbortSignal) =>
  purgeInBatches((limit) => deleteRowsBatch(db, 'outbox', (q) => q.whereNotNull('published_at').andWhere('published_at', '<', before), limit), {
    batchSize,
    signal,
  });

/** The purge jobs of the platform's own tables, for every Postgres service's `jobs.ts`. */
export function messageStoreJobs(db: Knex, retention: MessageRetention): ScheduledJob[] {
  return [
    job('purge-inbox', '17 3 * * *', async ({ signal }) => ({
      inbox: await purgeInbox(db, daysAgo(retention.INBOX_RETENTION_DAYS), retention.PURGE_BATCH_SIZE, signal),
    })),
    job('purge-outbox', '27 * * * *', async ({ signal }) => ({
      outbox: await purgePublishedOutbox(db, new Date(Date.now() - retention.OUTBOX_RETENTION_HOURS * 3_600_000), retention.PURGE_BATCH_SIZE, signal),
    })),
  ];
}
