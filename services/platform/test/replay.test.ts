import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Kafka, logLevel } from 'kafkajs';
import { idsOnOnePartition } from '../../../test/support/kafka.js';
import { createCodec } from '../src/kafka/codec.js';
import { newContext } from '../src/kafka/headers.js';
import type { IncomingMessage } from '../src/kafka/incoming.js';
import { createProducer } from '../src/kafka/producer.js';
import { eventRecord, tombstoneRecord } from '../src/kafka/records.js';
import { replayToEnd } from '../src/kafka/replay.js';
import { createLogger } from '../src/logger.js';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const registryUrl = process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7';
const kafka = new Kafka({ clientId: 'platform-replay-test', brokers, logLevel: logLevel.NOTHING });
const codec = createCodec({ registryUrl });
const producer = createProducer({ kafka, codec });
const logger = createLogger({ service: 'test', level: 'silent' });
const admin = kafka.admin();

beforeAll(async () => {
  await admin.connect();
  await producer.connect();
});
afterAll(async () => {
  await producer.stop();
  await admin.disconnect();
});

const registered = (userId: string, fullName: string) =>
  eventRecord(
    'user.registered',
    { eventId: randomUUID(), occurredAt: Date.now(), userId, email: `${userId}@example.test`, fullName, role: 'student', emailVerified: false },
    { service: 'test', key: userId, context: newContext() },
  );

const groupExists = async (groupId: string) => (await admin.listGroups()).groups.some((group) => group.groupId === groupId);

describe('replaying topics to their end', () => {
  it('hands every record up to the end taken at the start to its handler, in partition order, skips tombstones, and deletes its group', async () => {
    const userId = randomUUID();
    const later = randomUUID();
    await producer.send([
      registered(userId, 'first'),
      registered(userId, 'second'),
      // An erasure, as the user service writes it: the tombstone, then the fact (the platform's
      // consumers would otherwise keep a person whose registration compaction later removes).
      tombstoneRecord('user.registered', { key: userId, context: newContext() }),
      eventRecord(
        'user.erased',
        { eventId: randomUUID(), occurredAt: Date.now(), userId, by: userId },
        { service: 'test', key: userId, context: newContext() },
      ),
    ]);
    const seen: string[] = [];
    const groupId = `replay-test-${randomUUID()}`;
    const handle = async (message: IncomingMessage) => {
      const value = message.value as { userId: string; fullName: string };
      if (value.userId === userId) {
        seen.push(value.fullName);
        // Produced after the start: beyond the end the replay reads to.
        if (value.fullName === 'first') await producer.send([registered(later, 'too late')]);
      }
      if (value.userId === later) seen.push(value.fullName);
    };

    const counts = await replayToEnd({ kafka, codec, logger, groupId, subscriptions: [{ topic: 'user.registered', handle }] });

    expect(seen).toEqual(['first', 'second']);
    expect(counts['user.registered']!.handled).toBeGreaterThanOrEqual(2);
    expect(counts['user.registered']!.tombstones).toBeGreaterThanOrEqual(1);
    expect(await groupExists(groupId)).toBe(false);
  });

  it('stops at the first handler error and rejects, naming the record', async () => {
    const userId = randomUUID();
    await producer.send([registered(userId, 'poisonous')]);
    const groupId = `replay-test-${randomUUID()}`;
    let after = 0;
    let failed = false;
    let failedPartition = -1;
    const handle = async (message: IncomingMessage) => {
      if (failed && message.partition === failedPartition) after += 1;
      if ((message.value as { userId: string }).userId === userId) {
        failed = true;
        failedPartition = message.partition;
        throw new Error('a handler bug');
      }
    };

    await expect(replayToEnd({ kafka, codec, logger, groupId, subscriptions: [{ topic: 'user.registered', handle }] })).rejects.toThrow(
      /^replay stopped at user\.registered\/\d+@\d+: a handler bug$/,
    );
    expect(after).toBe(0);
    expect(await groupExists(groupId)).toBe(false);
  });

  it("hands a fetch's consecutive records to the topic's batch handler together (a rebuild writes them in one transaction)", async () => {
    // Each keyed by its own user (a shared key would let compaction drop all but the last from the
    // topic, while the live replicas keep them), on one partition so one fetch can carry all five.
    await producer.send(idsOnOnePartition('user.registered', 5).map((id, index) => registered(id, `batch ${index}`)));
    const sizes: number[] = [];
    const handle = async () => void sizes.push(1);
    const handleBatch = async (messages: IncomingMessage[]) => void sizes.push(messages.length);

    const counts = await replayToEnd({ kafka, codec, logger, subscriptions: [{ topic: 'user.registered', handle, handleBatch }] });

    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(counts['user.registered']!.handled);
    // The five share a partition and were sent together: at least they came in one call.
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(5);
  });

  it('refuses a group that already holds offsets: it would not read from the start', async () => {
    const groupId = `replay-test-${randomUUID()}`;
    const offsets = await admin.fetchTopicOffsets('user.registered');
    await admin.setOffsets({ groupId, topic: 'user.registered', partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })) });
    await expect(replayToEnd({ kafka, codec, logger, groupId, subscriptions: [{ topic: 'user.registered', handle: async () => undefined }] })).rejects.toThrow(
      /holds offsets/,
    );
    // Neither read nor deleted: its offsets are where they were.
    const kept = await admin.fetchOffsets({ groupId, topics: ['user.registered'] });
    expect(kept[0]!.partitions.map((p) => p.offset).sort()).toEqual(offsets.map((o) => o.high).sort());
    await admin.deleteGroups([groupId]);
  });
});
