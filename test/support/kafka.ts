import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners, type IHeaders } from 'kafkajs';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { topic as catalogTopic, topics as catalogTopics, type TopicRecords } from '@smartcourse/contracts';
import { env } from './env.js';

/** A plain Kafka client and registry client, as an outside subscriber would use them. */
export const kafka = new Kafka({ clientId: 'smartcourse-tests', brokers: env.kafkaBrokers, logLevel: logLevel.NOTHING });
export const registry = new SchemaRegistry({ host: env.registryUrl });

export interface ReadRecord {
  partition: number;
  offset: string;
  key: string | null;
  /** The record's Kafka timestamp (ms since the epoch): when the producer sent it. */
  timestamp: number;
  raw: Buffer | null;
  headers: Record<string, string>;
}

function headerStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[key] = first.toString();
  }
  return out;
}

/** Every record on a topic up to its current end, read by a fresh consumer group. */
export async function readTopic(topic: string, timeoutMs = 20_000): Promise<ReadRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const remaining = new Map(offsets.filter((o) => Number(o.high) > Number(o.low)).map((o) => [o.partition, Number(o.high) - 1]));
  if (remaining.size === 0) return [];

  const records: ReadRecord[] = [];
  const consumer = kafka.consumer({ groupId: `test-reader-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`reading ${topic} timed out with ${remaining.size} partitions left`)), timeoutMs);
    consumer
      .run({
        eachMessage: async ({ partition, message }) => {
          records.push({
            partition,
            offset: message.offset,
            key: message.key?.toString() ?? null,
            timestamp: Number(message.timestamp),
            raw: message.value,
            headers: headerStrings(message.headers),
          });
          const last = remaining.get(partition);
          if (last !== undefined && Number(message.offset) >= last) remaining.delete(partition);
          if (remaining.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return records;
}

/** Decodes a record's value through the registry (Confluent wire format). */
export async function decode<T = Record<string, unknown>>(record: ReadRecord): Promise<T> {
  if (!record.raw) throw new Error('tombstone');
  return (await registry.decode(record.raw)) as T;
}

/** Whether the consumer group has committed every partition of the topics up to its current end. */
export async function caughtUp(groupId: string, topics: readonly string[]): Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
    for (const topic of topics) {
      const at = new Map((committed.find((entry) => entry.topic === topic)?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
      for (const end of await admin.fetchTopicOffsets(topic)) {
        if (Number(end.high) > Number(end.low) && (at.get(end.partition) ?? -1) < Number(end.high)) return false;
      }
    }
    return true;
  } finally {
    await admin.disconnect();
  }
}

let producer: ReturnType<Kafka['producer']> | undefined;

/**
 * `count` fresh ids that the platform's partitioner puts on one partition of `topic` (the first
 * one's): records keyed each by its own id, as the catalog requires, that still arrive in one
 * fetch. Keying several users' records by one key would let compaction drop all but the last.
 */
export function idsOnOnePartition(topic: string, count: number): string[] {
  const partitions = catalogTopic(topic).partitions;
  const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
    partitionId,
    partitionErrorCode: 0,
    leader: 0,
    replicas: [0],
    isr: [0],
  }));
  const partitionOf = Partitioners.DefaultPartitioner();
  const placed = (key: string) => partitionOf({ topic, partitionMetadata, message: { key, value: null } });
  const first = randomUUID();
  const target = placed(first);
  const ids = [first];
  while (ids.length < count) {
    const id = randomUUID();
    if (placed(id) === target) ids.push(id);
  }
  return ids;
}

/** Writes raw bytes to a topic, as a faulty or hostile producer might. */
export async function produceRaw(topic: string, messages: Array<{ key: string; value: Buffer | null; headers?: Record<string, string> }>) {
  if (!producer) {
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  }
  await producer.send({ topic, messages });
}

/**
 * Publishes an event to its real topic as its owning service would: Avro through the registry
 * (the subject's latest schema), keyed as given, with the CloudEvents id header.
 */
export async function publishEvent<T extends keyof TopicRecords>(topic: T, key: string, value: TopicRecords[T] & { eventId: string }): Promise<void> {
  const id = await registry.getLatestSchemaId(`${catalogTopic(topic).name}-value`);
  const encoded = await registry.encode(id, value);
  await produceRaw(topic, [{ key, value: encoded, headers: { ce_id: value.eventId, ce_type: topic, ce_specversion: '1.0', ce_source: '/smartcourse/tests' } }]);
}

export async function closeKafka() {
  await producer?.disconnect();
  producer = undefined;
}

/**
 * Every key, value and header of every catalog topic as one text, to search for what must
 * never be on Kafka (passwords, hashes, tokens, links).
 */
export async function everythingOnKafka(): Promise<string> {
  const everything: string[] = [];
  for (const topic of catalogTopics) {
    for (const record of await readTopic(topic.name)) {
      everything.push(`${record.key ?? ''} ${record.raw?.toString('latin1') ?? ''} ${JSON.stringify(record.headers)}`);
    }
  }
  return everything.join('\n');
}
