import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Kafka, logLevel } from 'kafkajs';
import { idsOnOnePartition } from '../../../test/support/kafka.js';
import { createCodec } from '../src/kafka/codec.js';
import { createConsumer } from '../src/kafka/consumer.js';
import type { IncomingMessage } from '../src/kafka/incoming.js';
import { createProducer } from '../src/kafka/producer.js';
import { eventRecord } from '../src/kafka/records.js';
import { newContext } from '../src/kafka/headers.js';
import { AppError } from '../src/errors.js';
import { createLogger } from '../src/logger.js';
import { createMetrics } from '../src/metrics.js';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const registryUrl = process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7';
const kafka = new Kafka({ clientId: 'platform-consumer-test', brokers, logLevel: logLevel.NOTHING });
const codec = createCodec({ registryUrl });
const producer = createProducer({ kafka, codec });
const logger = createLogger({ service: 'test', level: 'silent' });
const group = `platform-test-${randomUUID()}`;
const admin = kafka.admin();

beforeAll(async () => {
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: `${group}.dlq`, numPartitions: 1 }], waitForLeaders: true });
  await producer.connect();
});
afterAll(async () => {
  await producer.stop();
  await admin.deleteTopics({ topics: [`${group}.dlq`] });
  await admin.disconnect();
});

function registered(userId: string) {
  return eventRecord(
    'user.registered',
    { eventId: randomUUID(), occurredAt: Date.now(), userId, email: `${userId}@example.test`, fullName: 'Retry Test', role: 'student', emailVerified: false },
    { service: 'test', key: userId, context: newContext() },
  );
}

async function deadLetters(): Promise<Array<{ key: string; headers: Record<string, string> }>> {
  const found: Array<{ key: string; headers: Record<string, string> }> = [];
  const reader = kafka.consumer({ groupId: `${group}-reader-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await reader.connect();
  await reader.subscribe({ topic: `${group}.dlq`, fromBeginning: true });
  const offsets = await admin.fetchTopicOffsets(`${group}.dlq`);
  const end = Number(offsets[0]?.high ?? 0);
  if (end > 0) {
    await new Promise<void>((resolve) => {
      void reader.run({
        eachMessage: async ({ message }) => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(v);
          found.push({ key: message.key?.toString() ?? '', headers });
          if (Number(message.offset) >= end - 1) resolve();
        },
      });
    });
  }
  await reader.disconnect();
  return found;
}

describe('the consumer', () => {
  it('retries a failing handler with backoff, dead-letters it when retries run out, waits out a transient fault, and goes on', async () => {
    const failing = randomUUID();
    const rejected = randomUUID();
    const oddThrow = randomUUID();
    const outage = randomUUID();
    const fine = randomUUID();
    const metrics = createMetrics('test');
    const attempts = new Map<string, number>();
    const handled: string[] = [];
    const handle = async (message: IncomingMessage) => {
      const userId = String(message.value.userId);
      if (!([failing, rejected, oddThrow, outage, fine] as string[]).includes(userId)) return;
      const attempt = (attempts.get(userId) ?? 0) + 1;
      attempts.set(userId, attempt);
      if (userId === failing) throw new Error('a handler bug');
      if (userId === rejected) throw new AppError({ code: 'FORBIDDEN', message: 'business rule' });
      // A thrown string must not crash the consumer: it is a failure like any other.
      if (userId === oddThrow) throw 'not an Error';
      // A dependency refusing connections: waited out for as long as it lasts, never dead-lettered.
      if (userId === outage && attempt <= 4) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      handled.push(userId);
    };
    const consumer = createConsumer({
      kafka,
      codec,
      producer,
      logger,
      metrics,
      groupId: group,
      service: 'test',
      retry: { attempts: 3, initialMs: 20, maxMs: 50 },
      wait: { initialMs: 50, maxMs: 200 },
      subscriptions: [{ topic: 'user.registered', fromBeginning: false, handle }],
    });
    await consumer.start();
    try {
      await producer.send([registered(failing), registered(rejected), registered(oddThrow), registered(outage), registered(fine)]);
      const deadline = Date.now() + 20_000;
      while (handled.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      // On their own partitions (keyed by user), the two need not finish in order.
      expect(handled.sort()).toEqual([outage, fine].sort());
      expect(attempts.get(failing)).toBe(3);
      expect(attempts.get(rejected)).toBe(1);
      expect(attempts.get(oddThrow)).toBe(3);
      expect(attempts.get(outage)).toBe(5);
      const waits = await metrics.registry.getSingleMetricAsString('kafka_consumer_waits_total');
      expect(waits).toMatch(/error="ECONNREFUSED"[^}]*} 4/);

      const letters = await deadLetters();
      const byKey = new Map(letters.map((l) => [l.key, l.headers]));
      expect(byKey.get(failing)).toMatchObject({ dlq_reason: 'retries_exhausted', dlq_attempts: '3', dlq_error: 'a handler bug' });
      expect(byKey.get(oddThrow)).toMatchObject({ dlq_reason: 'retries_exhausted', dlq_error: 'not an Error', dlq_error_code: 'NonErrorThrown' });
      expect(byKey.has(outage)).toBe(false);
      expect(byKey.get(rejected)).toMatchObject({ dlq_reason: 'rejected', dlq_attempts: '1', dlq_error_code: 'FORBIDDEN' });
      expect(byKey.has(fine)).toBe(false);
      expect(byKey.get(failing)?.ce_type).toBe('smartcourse.user.registered');
    } finally {
      await consumer.stop();
    }
  });

  it('hands a batch handler the waiting messages together, and handles them one by one when the batch fails', async () => {
    // One partition: the six arrive in one fetch.
    const ids = idsOnOnePartition('user.registered', 6);
    const poison = ids[3]!;
    const batches: string[][] = [];
    const alone: string[] = [];
    const ours = (message: IncomingMessage) => ids.includes(String(message.value.userId));
    const consumer = createConsumer({
      kafka,
      codec,
      producer,
      logger,
      metrics: createMetrics('test'),
      groupId: `${group}-batch`,
      deadLetterGroup: group,
      service: 'test',
      retry: { attempts: 2, initialMs: 20, maxMs: 50 },
      subscriptions: [
        {
          topic: 'user.registered',
          fromBeginning: false,
          handle: async (message) => {
            if (!ours(message)) return;
            if (message.value.userId === poison) throw new AppError({ code: 'FORBIDDEN', message: 'refused' });
            alone.push(String(message.value.userId));
          },
          handleBatch: async (messages) => {
            const mine = messages.filter(ours).map((m) => String(m.value.userId));
            if (mine.includes(poison)) throw new Error('one bad message spoils the batch');
            if (mine.length > 0) batches.push(mine);
          },
        },
      ],
    });
    await consumer.start();
    try {
      await producer.send(ids.map((id) => registered(id)));
      const deadline = Date.now() + 20_000;
      const seen = () => [...batches.flat(), ...alone];
      while (seen().length < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      // Every message but the poison handled exactly once, whichever way it went.
      expect(seen().sort()).toEqual(ids.filter((id) => id !== poison).sort());
      expect(alone.length).toBeGreaterThan(0);
      const letters = await deadLetters();
      expect(letters.filter((l) => l.headers.dlq_reason === 'rejected' && l.headers.dlq_consumer_group === `${group}-batch`)).toHaveLength(1);
    } finally {
      await consumer.stop();
    }
  });
});
