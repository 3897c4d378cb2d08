import { randomUUID } from 'node:crypto';
import { Partitioners } from 'kafkajs';
import {
  appendToOutbox,
  connectKafka,
  countUnpublished,
  createDb,
  createLogger,
  createMetrics,
  createOutboxRelay,
  eventRecord,
  migrateService,
  newContext,
  type Knex,
  type Metrics,
  type OutgoingRecord,
  type Producer,
} from '@smartcourse/platform';
import { env } from '../test/support/env.js';
import { scratchDatabase } from '../test/support/postgres.js';

export interface RelayFigures {
  rows: number;
  relayPerSecond: number;
  producerPerSecond: number;
  /** Where the relay's time went: each step's busy time in ms per batch of 200, and its calls. */
  steps: Array<{ label: string; msPerBatch: number; calls: number }>;
  /** The relay's drain time in ms per batch of 200. */
  msPerBatch: number;
}

/** The relay's statements by what they do (knex query events give their SQL). */
const statementOf = (sql: string) =>
  sql.startsWith("select set_config('statement_timeout'")
    ? 'SQL: take the relay lock'
    : sql.startsWith('select * from outbox where published_at is null')
      ? 'SQL: lock + read a batch'
      : sql.startsWith('update "outbox" set "published_at"')
        ? 'SQL: mark the batch published'
        : 'SQL: other (gauges, cleanup)';

/** Times every statement of `db` and every send of `producer`, by step. */
function stepClock(db: Knex, producer: Producer) {
  const spent = new Map<string, { ms: number; calls: number }>();
  const add = (step: string, ms: number) => {
    const entry = spent.get(step) ?? { ms: 0, calls: 0 };
    entry.ms += ms;
    entry.calls += 1;
    spent.set(step, entry);
  };
  const started = new Map<string, number>();
  db.on('query', (query: { __knexQueryUid: string }) => started.set(query.__knexQueryUid, performance.now()));
  db.on('query-response', (_response: unknown, query: { __knexQueryUid: string; sql: string }) => {
    add(statementOf(query.sql), performance.now() - (started.get(query.__knexQueryUid) ?? performance.now()));
    started.delete(query.__knexQueryUid);
  });
  const timed: Producer = {
    ...producer,
    async send(batch) {
      const t0 = performance.now();
      await producer.send(batch);
      add('send a batch (encode, acks all)', performance.now() - t0);
    },
  };
  return { producer: timed, spent };
}

/** `course.deleted` events: a real catalog topic that no service consumes, so the bench's records change nothing. */
export function records(count: number): OutgoingRecord[] {
  return Array.from({ length: count }, () => {
    const courseId = randomUUID();
    return eventRecord(
      'course.deleted',
      { eventId: randomUUID(), occurredAt: Date.now(), courseId, instructorId: randomUUID(), by: 'bench' },
      { service: 'bench', key: courseId, context: newContext() },
    );
  });
}

/** A scratch database's outbox filled with a backlog of `rows` records, in transactions of 1,000. */
export async function fillOutbox(db: Knex, rows: number): Promise<OutgoingRecord[]> {
  await migrateService(db, []);
  const backlog = records(rows);
  for (let i = 0; i < backlog.length; i += 1000) {
    await db.transaction((trx) => appendToOutbox(trx, `bench-${i}`, backlog.slice(i, i + 1000)));
  }
  return backlog;
}

/** Records the relay has published, by its own counter. */
export const publishedCount = async (metrics: Metrics) => (await metrics.published.get()).values.reduce((sum, { value }) => sum + value, 0);

/**
 * P2, outbox relay throughput: the platform's relay draining a backlog of `rows` outbox rows
 * (its batches of 200, read under the relay lock, encoded, sent, marked published) beside a plain
 * kafkajs producer sending the same records, encoded beforehand, in batches of 200 with the same
 * acknowledgement (all in-sync replicas, idempotent). Both in this process, one after the other.
 */
export async function relayFigures(rows = 100_000): Promise<RelayFigures> {
  const logger = createLogger({ service: 'bench-relay', level: 'warn' });
  const scratch = await scratchDatabase('bench_relay');
  const db = createDb({ url: scratch.url, poolMax: 4 });
  const kafka = await connectKafka({ service: 'bench-relay', brokers: env.kafkaBrokers, registryUrl: env.registryUrl, logger });
  try {
    const backlog = await fillOutbox(db, rows);

    const metrics = createMetrics('bench-relay');
    const clock = stepClock(db, kafka.producer);
    const relay = createOutboxRelay({ db, producer: clock.producer, logger, metrics });
    // The relay's own counter says when it is done: counting the backlog in Postgres every 20 ms took
    // more than half of the drain's time from the relay (a count over 100,000 rows, ~40 ms each).
    const published = () => publishedCount(metrics);
    const relayStarted = performance.now();
    relay.start();
    while ((await published()) < rows) await new Promise((resolve) => setTimeout(resolve, 5));
    const relaySeconds = (performance.now() - relayStarted) / 1000;
    await relay.stop();
    if ((await countUnpublished(db)) > 0) throw new Error('the relay counted every row published, yet some are not');

    const encoded = await Promise.all(
      backlog.map(async (record) => ({ key: record.key, value: await kafka.codec.encode(record.subject, record.value as object), headers: record.headers })),
    );
    const producer = kafka.kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const producerStarted = performance.now();
    for (let i = 0; i < encoded.length; i += 200) await producer.send({ topic: 'course.deleted', acks: -1, messages: encoded.slice(i, i + 200) });
    const producerSeconds = (performance.now() - producerStarted) / 1000;
    await producer.disconnect();

    const batches = rows / 200;
    const steps = [...clock.spent].sort((a, b) => b[1].ms - a[1].ms).map(([label, { ms, calls }]) => ({ label, msPerBatch: ms / batches, calls }));
    return { rows, relayPerSecond: rows / relaySeconds, producerPerSecond: rows / producerSeconds, steps, msPerBatch: (relaySeconds * 1000) / batches };
  } finally {
    await kafka.stop();
    await db.destroy();
    await scratch.drop();
  }
}
