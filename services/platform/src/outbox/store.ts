import type { Knex } from 'knex';
import type { OutgoingRecord } from '../kafka/producer.js';

export interface OutboxRow {
  id: string;
  aggregate_id: string;
  topic: string;
  subject: string;
  record_key: string;
  value: object | null;
  headers: Record<string, string>;
}

/** Writes records to publish in the caller's transaction, next to the state change they describe. */
export async function appendToOutbox(trx: Knex.Transaction, aggregateId: string, records: readonly OutgoingRecord[]): Promise<void> {
  if (records.length === 0) return;
  await trx('outbox').insert(
    records.map((record) => ({
      aggregate_id: aggregateId,
      topic: record.topic,
      subject: record.subject,
      record_key: record.key,
      value: record.value === null ? null : JSON.stringify(record.value),
      headers: JSON.stringify(record.headers),
    })),
  );
}

/** Locks the oldest unpublished rows; rows another relay holds are skipped, not waited for. */
export function lockUnpublished(trx: Knex.Transaction, limit: number): Promise<OutboxRow[]> {
  return trx<OutboxRow>('outbox').whereNull('published_at').orderBy('id').limit(limit).forUpdate().skipLocked();
}

export async function markPublished(trx: Knex.Transaction, ids: readonly string[]): Promise<void> {
  await trx('outbox').whereIn('id', ids).update({ published_at: trx.fn.now() });
}

export async function countUnpublished(db: Knex): Promise<number> {
  const [row] = await db('outbox').whereNull('published_at').count<{ count: string }[]>({ count: '*' });
  return Number(row?.count ?? 0);
}

export async function deletePublishedBefore(db: Knex, before: Date): Promise<number> {
  return db('outbox').whereNotNull('published_at').andWhere('published_at', '<', before).delete();
}

export function toRecord(row: OutboxRow): OutgoingRecord {
  return { topic: row.topic, subject: row.subject, key: row.record_key, value: row.value, headers: row.headers };
}

/** Drops an aggregate's already published rows now rather than after the keep period (erasure: they hold its data). */
export async function deletePublishedFor(trx: Knex.Transaction, aggregateId: string): Promise<void> {
  await trx('outbox').where({ aggregate_id: aggregateId }).whereNotNull('published_at').delete();
}
