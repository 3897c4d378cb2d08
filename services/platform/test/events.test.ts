import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Kafka, logLevel } from 'kafkajs';
import { closeKafka, decode, idsOnOnePartition, readTopic } from '../../../test/support/kafka.js';
import { eventually } from '../../../test/support/eventually.js';
import { createDb, migrate, type Knex } from '../src/db/postgres.js';
import { AppError } from '../src/errors.js';
import { on, type EventHandler } from '../src/events/listener.js';
import { eventSubscriptions } from '../src/events/pipeline.js';
import { createCodec } from '../src/kafka/codec.js';
import { createConsumer, type Consumer } from '../src/kafka/consumer.js';
import { newContext } from '../src/kafka/headers.js';
import { createProducer, type Producer } from '../src/kafka/producer.js';
import { eventRecord } from '../src/kafka/records.js';
import { createLogger } from '../src/logger.js';
import { createMetrics } from '../src/metrics.js';
import { platformMigrations } from '../src/outbox/migration.js';
import { createOutboxRelay, type OutboxRelay } from '../src/outbox/relay.js';

/**
 * `on(...)` through the kit's event pipeline against the real Postgres, Kafka and registry: a
 * consumer runs the pipeline's subscription, a relay that never polls on its own (only a wake
 * after a commit makes it publish) sends what the handler emitted.
 */
const serverUrl = process.env.USER_DATABASE_URL ?? 'postgres://smartcourse:smartcourse@127.0.0.1:5432/smartcourse_user';
const database = `events_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
const group = `platform-events-test-${randomUUID()}`;
const adminDb = createDb({ url: serverUrl });
const kafka = new Kafka({ clientId: 'platform-events-test', brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING });
const kafkaAdmin = kafka.admin();
const codec = createCodec({ registryUrl: process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7' });
const logger = createLogger({ service: 'test', level: 'silent' });
let db: Knex;
let producer: Producer;
let relay: OutboxRelay;
let consumer: Consumer;

const REFUSED_NAME = 'refuse me';

/** Keeps a greeting per registration (with the id of the transaction that wrote it) and emits a profile update. */
const greet: EventHandler<'user.registered'> = async (event, { trx, emit, context }) => {
  if (event.fullName === REFUSED_NAME) throw new AppError({ code: 'FORBIDDEN', message: 'this name is refused' });
  await trx('greetings').insert({ user_id: event.userId, full_name: event.fullName, txid: trx.raw('txid_current()') });
  emit(
    eventRecord(
      'user.profile_updated',
      { eventId: randomUUID(), occurredAt: Date.now(), userId: event.userId, fullName: `Dear ${event.fullName}`, bio: null },
      { service: 'test', key: event.userId, context },
    ),
  );
};

beforeAll(async () => {
  await adminDb.raw(`create database ${database}`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  db = createDb({ url: url.toString() });
  await migrate(db, platformMigrations);
  await db.schema.createTable('greetings', (table) => {
    table.uuid('user_id').notNullable();
    table.text('full_name').notNullable();
    table.bigInteger('txid').notNullable();
  });
  await kafkaAdmin.connect();
  await kafkaAdmin.createTopics({ topics: [{ topic: `${group}.dlq`, numPartitions: 1 }], waitForLeaders: true });
  producer = createProducer({ kafka, codec });
  await producer.connect();
  relay = createOutboxRelay({ db, producer, logger, metrics: createMetrics('test'), pollIntervalMs: 600_000 });
  relay.start();
  const [subscription] = eventSubscriptions({ service: 'test', group, db, relay }, { listeners: [on('user.registered', greet)] });
  consumer = createConsumer({
    kafka,
    codec,
    producer,
    logger,
    metrics: createMetrics('test'),
    groupId: group,
    service: 'test',
    retry: { attempts: 2, initialMs: 20, maxMs: 50 },
    // Only what this test produces: the topic's history belongs to other tests.
    subscriptions: [{ ...subscription!, fromBeginning: false }],
  });
  await consumer.start();
}, 60_000);
afterAll(async () => {
  await consumer?.stop();
  await relay?.stop();
  await producer?.stop();
  await kafkaAdmin.deleteTopics({ topics: [`${group}.dlq`] });
  await kafkaAdmin.disconnect();
  await db?.destroy();
  await adminDb.raw(`drop database if exists ${database}`);
  await adminDb.destroy();
  await closeKafka();
});

function registered(userId: string, fullName: string) {
  return eventRecord(
    'user.registered',
    { eventId: randomUUID(), occurredAt: Date.now(), userId, email: `${userId}@example.test`, fullName, role: 'student', emailVerified: false },
    { service: 'test', key: userId, context: newContext() },
  );
}

const greetingsOf = (userIds: readonly string[]) =>
  db('greetings').whereIn('user_id', userIds).select<Array<{ user_id: string; txid: string }>>('user_id', 'txid');

async function profileUpdatesFor(userIds: readonly string[]): Promise<string[]> {
  const names: string[] = [];
  for (const record of (await readTopic('user.profile_updated')).filter((r) => r.key !== null && userIds.includes(r.key))) {
    names.push((await decode<{ fullName: string }>(record)).fullName);
  }
  return names;
}

describe('an event handler declared with on(...)', () => {
  it('handles a redelivered event once: the inbox under the group keeps the effect and what it emitted single', async () => {
    const [userId, sentinel] = idsOnOnePartition('user.registered', 2) as [string, string];
    const record = registered(userId, 'Ada Once');

    // The same record twice, then another on its partition: once that one is handled, so is the copy.
    await producer.send([record, record, registered(sentinel, 'Sentinel')]);

    await eventually(
      () => greetingsOf([sentinel]),
      (rows) => rows.length === 1,
      20_000,
    );
    expect(await greetingsOf([userId])).toHaveLength(1);
    expect(await db('inbox').where({ consumer_group: group, message_id: record.headers.ce_id })).toHaveLength(1);
    // Keyed by two users, the two updates may sit on two partitions: their order is not a fact.
    const names = await eventually(
      () => profileUpdatesFor([userId, sentinel]),
      (found) => found.length >= 2,
      20_000,
    );
    expect(names.sort()).toEqual(['Dear Ada Once', 'Dear Sentinel']);
  });

  it('handles consecutive events of one partition in one transaction, and the relay woken after the commit publishes what they emitted', async () => {
    // One partition: the five arrive in one fetch.
    const userIds = idsOnOnePartition('user.registered', 5);
    await producer.send(userIds.map((id, index) => registered(id, `Batch ${index}`)));

    const rows = await eventually(
      () => greetingsOf(userIds),
      (found) => found.length === 5,
      20_000,
    );
    expect(new Set(rows.map((row) => row.txid)).size).toBe(1);
    // The relay polls every ten minutes: only the wake after the commit can have published these.
    const names = await eventually(
      () => profileUpdatesFor(userIds),
      (found) => found.length === 5,
      10_000,
    );
    expect(names.sort()).toEqual(userIds.map((_, index) => `Dear Batch ${index}`).sort());
  });

  it('dead-letters an event its handler refuses, and handles the others of its batch once each', async () => {
    const [before, refused, after] = idsOnOnePartition('user.registered', 3);

    await producer.send([registered(before!, 'Before'), registered(refused!, REFUSED_NAME), registered(after!, 'After')]);

    const rows = await eventually(
      () => greetingsOf([before!, refused!, after!]),
      (found) => found.length === 2,
      20_000,
    );
    expect(rows.map((row) => row.user_id).sort()).toEqual([before, after].sort());
    const letters = await eventually(
      () => readTopic(`${group}.dlq`),
      (found) => found.length > 0,
      20_000,
    );
    expect(letters.map((letter) => letter.key)).toEqual([refused]);
    expect(letters[0]?.headers).toMatchObject({ dlq_reason: 'rejected', dlq_error_code: 'FORBIDDEN' });
    // Nothing of the refused event was kept: no inbox entry, no row, nothing emitted.
    expect(await profileUpdatesFor([refused!])).toEqual([]);
  });
});
