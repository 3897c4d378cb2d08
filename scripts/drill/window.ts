import { randomUUID } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';

/** Each topic's end offset per partition when the run started: what came after is the run's. */
export type Marks = Map<string, Map<number, number>>;

export interface WindowRecord {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  /** The CloudEvents id header: the event's id (a dead letter keeps its source's headers). */
  eventId: string | undefined;
  /** Decoded (Avro through the registry); null for a tombstone or a value that does not decode. */
  value: Record<string, unknown> | null;
}

export async function markEnds(admin: Admin, topics: readonly string[]): Promise<Marks> {
  const marks: Marks = new Map();
  for (const topic of topics) {
    marks.set(topic, new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)])));
  }
  return marks;
}

/**
 * Every record written to the marked topics since their marks, up to their ends now, read by a
 * throwaway group (deleted after) that seeks each partition to its mark.
 */
export async function readWindow(deps: { kafka: Kafka; admin: Admin; registry: SchemaRegistry }, marks: Marks, timeoutMs = 120_000): Promise<WindowRecord[]> {
  const ends = await markEnds(deps.admin, [...marks.keys()]);
  const remaining = new Map<string, number>();
  for (const [topic, partitions] of ends) {
    for (const [partition, end] of partitions) {
      const from = marks.get(topic)?.get(partition) ?? 0;
      if (end > from) remaining.set(`${topic}:${partition}`, end - 1);
    }
  }
  const records: WindowRecord[] = [];
  if (remaining.size === 0) return records;
  const topics = [...new Set([...remaining.keys()].map((tp) => tp.slice(0, tp.lastIndexOf(':'))))];
  const groupId = `chaos-audit-${randomUUID()}`;
  const consumer = deps.kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`reading the run's records timed out with ${remaining.size} partitions left`)), timeoutMs);
      consumer
        .run({
          eachMessage: async ({ topic, partition, message }) => {
            const offset = Number(message.offset);
            const last = remaining.get(`${topic}:${partition}`);
            if (last === undefined || offset < (marks.get(topic)?.get(partition) ?? 0) || offset > last) return;
            let value: Record<string, unknown> | null = null;
            if (message.value) value = (await deps.registry.decode(message.value).catch(() => null)) as Record<string, unknown> | null;
            records.push({ topic, partition, offset, key: message.key?.toString() ?? null, eventId: message.headers?.ce_id?.toString(), value });
            if (offset === last) remaining.delete(`${topic}:${partition}`);
            if (remaining.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .then(() => {
          for (const [topic, partitions] of marks) for (const [partition, offset] of partitions) consumer.seek({ topic, partition, offset: String(offset) });
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
    // A group the broker still sees as closing cannot be deleted yet; a left one holds no member and expires with its offsets.
    await deps.admin.deleteGroups([groupId]).catch(() => undefined);
  }
  return records;
}
