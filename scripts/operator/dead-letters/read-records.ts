import { randomUUID } from 'node:crypto';
import type { Admin, Kafka, KafkaMessage } from 'kafkajs';
import { readHeaders } from '@smartcourse/platform/kafka';
import { OperatorError } from '../failure.js';

/** Offsets `from` (inclusive) to `to` (exclusive) of one partition of a topic. */
export interface OffsetRange {
  topic: string;
  partition: number;
  from: number;
  to: number;
}

/** A record as read from the broker: raw key and value bytes, headers as strings. */
export interface StoredRecord {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/** Start (first offset present, after retention or a purge) and end (next offset) of each partition. */
export interface PartitionBounds {
  partition: number;
  start: number;
  end: number;
}

/** The bounds of every partition of a topic, or an error naming the topic when the broker lacks it. */
export async function partitionBounds(admin: Admin, topic: string): Promise<PartitionBounds[]> {
  // Asked first: the offsets of a missing topic are retried for seconds before they fail.
  if (!(await admin.listTopics()).includes(topic))
    throw new OperatorError(`topic ${topic} does not exist on the broker (provision it: npx tsx scripts/provision.ts)`);
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.map((o) => ({ partition: o.partition, start: Number(o.low), end: Number(o.high) })).sort((a, b) => a.partition - b.partition);
}

const READ_TIMEOUT_MS = 30_000;

/**
 * Reads the records of the ranges, oldest first within each partition, with a throwaway
 * consumer group that commits nothing (other partitions of the topics are fetched and ignored:
 * the topics read here have one partition). Offsets missing from a range
 * (deleted by retention or a purge, removed by compaction) are simply absent.
 */
export async function readRanges(kafka: Kafka, ranges: readonly OffsetRange[]): Promise<StoredRecord[]> {
  const wanted = ranges.filter((range) => range.to > range.from);
  if (wanted.length === 0) return [];
  const key = (topic: string, partition: number) => `${topic}/${partition}`;
  const pending = new Map(wanted.map((range) => [key(range.topic, range.partition), range]));
  const records: StoredRecord[] = [];
  const groupId = `sc-read-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, allowAutoTopicCreation: false, retry: { retries: 3, restartOnFailure: async () => false } });

  let failure: Error | undefined;
  let settle!: () => void;
  const settled = new Promise<void>((resolve) => (settle = resolve));
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    failure ??= payload.error;
    settle();
  });
  const timer = setTimeout(() => {
    failure ??= new OperatorError(`reading ${[...pending.keys()].join(', ')} did not finish within ${READ_TIMEOUT_MS / 1000} s`);
    settle();
  }, READ_TIMEOUT_MS);

  await consumer.connect();
  try {
    for (const topic of new Set(wanted.map((range) => range.topic))) await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch }) => {
        const range = pending.get(key(batch.topic, batch.partition));
        if (!range) return;
        for (const message of batch.messages) {
          const offset = Number(message.offset);
          if (offset >= range.from && offset < range.to) records.push(stored(batch.topic, batch.partition, message));
        }
        // lastOffset() also counts offsets compaction removed and control records the batch hides
        if (Number(batch.lastOffset()) >= range.to - 1) {
          pending.delete(key(batch.topic, batch.partition));
          if (pending.size === 0) settle();
        }
      },
    });
    for (const range of wanted) consumer.seek({ topic: range.topic, partition: range.partition, offset: String(range.from) });
    await settled;
  } finally {
    clearTimeout(timer);
    // The group committed nothing: the broker forgets it as soon as its member leaves.
    await consumer.disconnect();
  }
  if (failure) throw failure;
  return records.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition || a.offset - b.offset);
}

function stored(topic: string, partition: number, message: KafkaMessage): StoredRecord {
  return {
    topic,
    partition,
    offset: Number(message.offset),
    timestamp: Number(message.timestamp),
    key: message.key,
    value: message.value,
    headers: readHeaders(message.headers),
  };
}
