/**
 * Where the outbox relay's time goes while it drains a backlog (P2): the relay of the kit over a
 * scratch database, with every SQL statement timed from knex's query events and the producer's
 * two steps (encode each record, send the batch) timed around them. Prints the split per batch.
 *
 *   npx tsx scripts/bench-relay-steps.ts      (BENCH_OUTBOX_ROWS=100000 by default; the infrastructure must run)
 */
import { CompressionTypes, Partitioners } from 'kafkajs';
import { connectKafka, countUnpublished, createDb, createLogger, createMetrics, createOutboxRelay, type Producer } from '@smartcourse/platform';
import { env } from '../test/support/env.js';
import { scratchDatabase } from '../test/support/postgres.js';
import { fillOutbox, publishedCount } from './bench-relay.js';

const rows = Number(process.env.BENCH_OUTBOX_ROWS ?? 100_000);
const spent = new Map<string, { ms: number; count: number }>();
const add = (step: string, ms: number) => {
  const entry = spent.get(step) ?? { ms: 0, count: 0 };
  entry.ms += ms;
  entry.count += 1;
  spent.set(step, entry);
};
const stepOf = (sql: string) =>
  sql.startsWith('with relay as') ? 'lock + read 200 rows (SQL)' : sql.startsWith('update "outbox" set "published_at"') ? 'mark published (SQL)' : /count/.test(sql) ? 'backlog count (the bench\'s poll)' : `other: ${sql.slice(0, 40)}`;

const logger = createLogger({ service: 'bench-relay-steps', level: 'warn' });
const scratch = await scratchDatabase('bench_relay_steps');
const db = createDb({ url: scratch.url, poolMax: 4 });
const kafka = await connectKafka({ service: 'bench-relay-steps', brokers: env.kafkaBrokers, registryUrl: env.registryUrl, logger });
try {
  await fillOutbox(db, rows);

  const started = new Map<string, number>();
  db.on('query', (query: { __knexQueryUid: string }) => started.set(query.__knexQueryUid, performance.now()));
  db.on('query-response', (_response: unknown, query: { __knexQueryUid: string; sql: string }) => {
    add(stepOf(query.sql), performance.now() - (started.get(query.__knexQueryUid) ?? performance.now()));
    started.delete(query.__knexQueryUid);
  });

  // The kit's producer (createProducer) with a clock around each of its two steps.
  const raw = kafka.kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await raw.connect();
  const producer: Producer = {
    connect: () => raw.connect(),
    async send(records) {
      let t = performance.now();
      const messages = [];
      for (const record of records) messages.push({ key: record.key, value: record.value === null ? null : await kafka.codec.encode(record.subject, record.value), headers: record.headers });
      add('encode 200 records (Avro, one by one)', performance.now() - t);
      t = performance.now();
      await raw.sendBatch({ acks: -1, compression: CompressionTypes.None, topicMessages: [{ topic: 'course.deleted', messages }] });
      add('send the batch (acks all)', performance.now() - t);
    },
    sendRaw: () => Promise.reject(new Error('not used')),
    stop: () => raw.disconnect(),
  };

  // BENCH_POLL_MS counts the backlog in Postgres that often, as bench-relay once did; by default the relay's own counter says when it is done.
  const pollMs = process.env.BENCH_POLL_MS === undefined ? undefined : Number(process.env.BENCH_POLL_MS);
  const metrics = createMetrics('bench-relay-steps');
  const published = () => publishedCount(metrics);
  const relay = createOutboxRelay({ db, producer, logger, metrics });
  const t0 = performance.now();
  relay.start();
  if (pollMs === undefined) while ((await published()) < rows) await new Promise((resolve) => setTimeout(resolve, 5));
  else while ((await countUnpublished(db)) > 0) await new Promise((resolve) => setTimeout(resolve, pollMs));
  const wall = performance.now() - t0;
  await relay.stop();
  await raw.disconnect();

  const batches = Math.ceil(rows / 200);
  process.stdout.write(`\n${rows} rows drained in ${(wall / 1000).toFixed(1)} s: ${(rows / (wall / 1000)).toFixed(0)} events/s, ${batches} batches, ${(wall / batches).toFixed(2)} ms per batch (${pollMs === undefined ? 'done by the relay\'s counter' : `backlog counted every ${pollMs} ms`})\n\n`);
  let accounted = 0;
  for (const [step, { ms, count }] of [...spent].sort((a, b) => b[1].ms - a[1].ms)) {
    if (!step.startsWith('backlog')) accounted += ms;
    process.stdout.write(`${step.padEnd(44)}${(ms / batches).toFixed(2).padStart(8)} ms per batch  ${((100 * ms) / wall).toFixed(0).padStart(3)}%  (${count} calls)\n`);
  }
  process.stdout.write(`${'the rest (begin, commit, rows to records, byte cap)'.padEnd(44)}${((wall - accounted) / batches).toFixed(2).padStart(8)} ms per batch  ${((100 * (wall - accounted)) / wall).toFixed(0).padStart(3)}%\n`);
} finally {
  await kafka.stop();
  await db.destroy();
  await scratch.drop();
}
