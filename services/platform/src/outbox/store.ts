import type { Knex } from 'knex';
import { assertMatchesSchema } from '../kafka/record-types.js';
import type { OutgoingRecord } from '../kafka/producer.js';

export interface OutboxRow {
  id: string;
  aggregate_id: string;
  topic: string;
  subject: string;
  record_key: string;
  value: object | null;
  headers: Record<string, string>;
  created_at: Date;
}

export interface ParkedRow {
  id: string;
  aggregateId: string;
  topic: string;
  key: string;
  error: string;
  createdAt: Date;
  parkedAt: Date;
}

/** Advisory-lock namespace of outbox writers (the relay's own lock is another key space). */
const AGGREGATE_LOCK_SPACE = 0x5c_0a;

/**
 * Writes records to publish in the caller's transaction, next to the state change they describe.
 * Each value is checked against its schema first (a bad record fails this transaction, naming the
 * field). The aggregate is locked until commit, so two transactions writing one aggregate commit
 * in the order of their outbox ids and the relay publishes them in that order.
 */
export async function appendToOutbox(trx: Knex.Transaction, aggregateId: string, records: readonly OutgoingRecord[]): Promise<void> {
  await appendRecords(
    trx,
    records.map((record) => ({ aggregateId, record })),
  );
}

/** A record to publish and the aggregate whose order it keeps. */
export interface OutboxEntry {
  aggregateId: string;
  record: OutgoingRecord;
}

/**
 * `appendToOutbox` for records of several aggregates, in one round trip: every aggregate is
 * locked first, in a fixed order (so two writers of the same aggregates cannot deadlock), then
 * the rows are inserted in the order given.
 */
export async function appendRecords(trx: Knex.Transaction, entries: readonly OutboxEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const { sql, bindings } = outboxInsert(entries);
  await trx.raw(sql, bindings);
}

/**
 * The statement of `appendRecords`, with `before` (a data-modifying statement of the same
 * transaction, such as keeping a command's result) run in it as a CTE: one round trip for both.
 */
export function outboxInsert(
  entries: readonly OutboxEntry[],
  before?: { sql: string; bindings: readonly Knex.RawBinding[] },
): { sql: string; bindings: Knex.RawBinding[] } {
  for (const { record } of entries) if (record.value !== null) assertMatchesSchema(record.subject, record.value);
  const aggregates = [...new Set(entries.map((entry) => entry.aggregateId))].sort();
  const rows = entries.map(() => '(?, ?, ?, ?, ?::jsonb, ?::jsonb)').join(', ');
  const values = entries.flatMap(({ aggregateId, record }) => [
    aggregateId,
    record.topic,
    record.subject,
    record.key,
    record.value === null ? null : JSON.stringify(record.value),
    JSON.stringify(record.headers),
  ]);
  // One round trip: the locks are taken (the CTE runs first) before any row gets its id.
  return {
    sql: `with ${before ? `before_append as (${before.sql}), ` : ''}aggregate_lock as (
       select count(pg_advisory_xact_lock(?, hashtext(aggregate))) from (select unnest(array[${aggregates.map(() => '?').join(', ')}]::text[]) as aggregate order by 1) as aggregates
     )
     insert into outbox (aggregate_id, topic, subject, record_key, value, headers)
     select rows.* from aggregate_lock, (values ${rows}) as rows (aggregate_id, topic, subject, record_key, value, headers)`,
    bindings: [...(before?.bindings ?? []), AGGREGATE_LOCK_SPACE, ...aggregates, ...values],
  };
}

/**
 * Bounds the transaction (statement and idle-in-transaction timeouts), takes the relay lock if
 * free, and locks the oldest publishable rows (rows another relay holds are skipped, not waited
 * for). No rows when another relay holds the lock.
 *
 * The read is planned as a walk of the unpublished index in id order whatever the statistics say:
 * after a burst (a backlog building while Kafka was down) they still count a handful of
 * unpublished rows until autovacuum analyzes the table, and the planner then sorts the whole
 * backlog for every batch (200 ms per batch at 100,000 rows, against 0.7 ms for the walk). Planner
 * settings only apply to statements planned after them, hence the two round trips.
 */
export async function lockUnpublished(trx: Knex.Transaction, options: { relayLock: number; timeoutMs: number; limit: number }): Promise<OutboxRow[]> {
  const timeout = String(Math.round(options.timeoutMs));
  const {
    rows: [relay],
  } = await trx.raw<{ rows: Array<{ locked: boolean }> }>(
    `select set_config('statement_timeout', ?, true) as statement_timeout,
            set_config('idle_in_transaction_session_timeout', ?, true) as idle_timeout,
            set_config('enable_sort', 'off', true) as no_sort,
            set_config('enable_bitmapscan', 'off', true) as no_bitmap,
            pg_try_advisory_xact_lock(?) as locked`,
    [timeout, timeout, options.relayLock],
  );
  if (!relay?.locked) return [];
  const { rows } = await trx.raw<{ rows: OutboxRow[] }>(
    'select * from outbox where published_at is null and parked_at is null order by id limit ? for update skip locked',
    [options.limit],
  );
  return rows;
}

export async function markPublished(trx: Knex.Transaction, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await trx('outbox').whereIn('id', ids).update({ published_at: trx.fn.now() });
}

/** Sets a row aside with the reason it can never be published; the relay skips it from now on. */
export async function park(trx: Knex.Transaction, id: string, error: string): Promise<void> {
  await trx('outbox')
    .where({ id })
    .update({ parked_at: trx.fn.now(), error: error.slice(0, 4000) });
}

export async function countUnpublished(db: Knex): Promise<number> {
  const [row] = await db('outbox').whereNull('published_at').whereNull('parked_at').count<{ count: string }[]>({ count: '*' });
  return Number(row?.count ?? 0);
}

export async function countParked(db: Knex): Promise<number> {
  const [row] = await db('outbox').whereNotNull('parked_at').count<{ count: string }[]>({ count: '*' });
  return Number(row?.count ?? 0);
}

/** Parked rows, oldest first, for the operator. */
export async function listParked(db: Knex, limit = 100): Promise<ParkedRow[]> {
  const rows = await db('outbox')
    .whereNotNull('parked_at')
    .orderBy('id')
    .limit(limit)
    .select<Array<{ id: string; aggregate_id: string; topic: string; record_key: string; error: string; created_at: Date; parked_at: Date }>>(
      'id',
      'aggregate_id',
      'topic',
      'record_key',
      'error',
      'created_at',
      'parked_at',
    );
  return rows.map((row) => ({
    id: String(row.id),
    aggregateId: row.aggregate_id,
    topic: row.topic,
    key: row.record_key,
    error: row.error,
    createdAt: row.created_at,
    parkedAt: row.parked_at,
  }));
}

/** Puts a parked row back in line (after the operator fixed its cause); false when no such parked row. */
export async function unpark(db: Knex, id: string): Promise<boolean> {
  const changed = await db('outbox').where({ id }).whereNotNull('parked_at').update({ parked_at: null, error: null });
  return changed === 1;
}

export async function deletePublishedBefore(db: Knex, before: Date): Promise<number> {
  return db('outbox').whereNotNull('published_at').andWhere('published_at', '<', before).delete();
}

export function toRecord(row: OutboxRow): OutgoingRecord {
  return { topic: row.topic, subject: row.subject, key: row.record_key, value: row.value, headers: row.headers };
}

/** A row's size as published, near enough to cap a batch in bytes (UTF-8 JSON is no smaller than Avro). */
export function approximateBytes(row: OutboxRow): number {
  return (
    (row.value === null ? 0 : Buffer.byteLength(JSON.stringify(row.value))) + Buffer.byteLength(JSON.stringify(row.headers)) + Buffer.byteLength(row.record_key)
  );
}

/** Drops an aggregate's already published rows now rather than after the keep period (erasure: they hold its data). */
export async function deletePublishedFor(trx: Knex.Transaction, aggregateId: string): Promise<void> {
  await trx('outbox').where({ aggregate_id: aggregateId }).whereNotNull('published_at').delete();
}
