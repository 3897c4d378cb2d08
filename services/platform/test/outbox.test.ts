import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Kafka, logLevel } from 'kafkajs';
import { closeKafka, decode, readTopic } from '../../../test/support/kafka.js';
import { createDb, migrate, type Knex } from '../src/db/postgres.js';
import { createCodec } from '../src/kafka/codec.js';
import { newContext } from '../src/kafka/headers.js';
import { createProducer, type Producer } from '../src/kafka/producer.js';
import { eventRecord } from '../src/kafka/records.js';
import { createLogger } from '../src/logger.js';
import { createMetrics } from '../src/metrics.js';
import { platformMigrations } from '../src/outbox/migration.js';
import { createOutboxRelay } from '../src/outbox/relay.js';
import { appendToOutbox, countUnpublished } from '../src/outbox/store.js';
import { claimMessage } from '../src/inbox/store.js';

const serverUrl = process.env.USER_DATABASE_URL ?? 'postgres://smartcourse:smartcourse@127.0.0.1:5432/smartcourse_user';
const database = `outbox_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
const admin = createDb({ url: serverUrl });
let db: Knex;
const kafka = new Kafka({ clientId: 'outbox-test', brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING });
const codec = createCodec({ registryUrl: process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7' });
const producers: Producer[] = [];
const logger = createLogger({ service: 'test', level: 'silent' });

beforeAll(async () => {
  await admin.raw(`create database ${database}`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  db = createDb({ url: url.toString() });
  await migrate(db, platformMigrations);
});
afterAll(async () => {
  await Promise.all(producers.map((p) => p.stop()));
  await db?.destroy();
  await admin.raw(`drop database if exists ${database}`);
  await admin.destroy();
  await closeKafka();
});

const profileEvent = (userId: string, sequence: number) =>
  eventRecord(
    'user.profile_updated',
    { eventId: randomUUID(), occurredAt: Date.now(), userId, fullName: `seq-${sequence}`, bio: null },
    { service: 'test', key: userId, context: newContext() },
  );

describe('the outbox relay', () => {
  it('publishes every row once, in order per aggregate, with two relays racing', async () => {
    const aggregates: string[] = [randomUUID(), randomUUID(), randomUUID()];
    // Many small transactions, interleaving aggregates, as concurrent commands would write them.
    for (let sequence = 0; sequence < 40; sequence++) {
      for (const id of aggregates) {
        await db.transaction((trx) => appendToOutbox(trx, id, [profileEvent(id, sequence)]));
      }
    }
    const relays = [0, 1].map(() => {
      const producer = createProducer({ kafka, codec });
      producers.push(producer);
      return createOutboxRelay({ db, producer, logger, metrics: createMetrics('test'), batchSize: 7, pollIntervalMs: 50 });
    });
    await Promise.all(producers.map((p) => p.connect()));
    relays.forEach((relay) => relay.start());
    const deadline = Date.now() + 30_000;
    while ((await countUnpublished(db)) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await Promise.all(relays.map((relay) => relay.stop()));
    expect(await countUnpublished(db)).toBe(0);

    const published = (await readTopic('user.profile_updated')).filter((r) => r.key !== null && aggregates.includes(r.key));
    for (const id of aggregates) {
      const sequences = [];
      for (const record of published.filter((r) => r.key === id)) {
        sequences.push(Number((await decode<{ fullName: string }>(record)).fullName.slice(4)));
      }
      expect(sequences).toEqual(Array.from({ length: 40 }, (_, i) => i));
    }
  });

  it('keeps rows written while no relay runs until one starts', async () => {
    const id = randomUUID();
    await db.transaction((trx) => appendToOutbox(trx, id, [profileEvent(id, 0)]));
    expect(await countUnpublished(db)).toBe(1);
    const producer = createProducer({ kafka, codec });
    producers.push(producer);
    await producer.connect();
    const relay = createOutboxRelay({ db, producer, logger, metrics: createMetrics('test'), pollIntervalMs: 50 });
    relay.start();
    const deadline = Date.now() + 10_000;
    while ((await countUnpublished(db)) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await relay.stop();
    expect((await readTopic('user.profile_updated')).filter((r) => r.key === id)).toHaveLength(1);
  });
});

describe('the inbox', () => {
  it('claims a message once per consumer group', async () => {
    const messageId = randomUUID();
    const claim = (group: string) => db.transaction((trx) => claimMessage(trx, group, messageId));
    expect(await claim('a')).toBe(true);
    expect(await claim('a')).toBe(false);
    expect(await claim('b')).toBe(true);
  });

  it('forgets a claim whose transaction rolled back', async () => {
    const messageId = randomUUID();
    await expect(
      db.transaction(async (trx) => {
        await claimMessage(trx, 'a', messageId);
        throw new Error('effect failed');
      }),
    ).rejects.toThrow('effect failed');
    expect(await db.transaction((trx) => claimMessage(trx, 'a', messageId))).toBe(true);
  });
});
