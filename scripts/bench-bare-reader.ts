import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { asError, isTransient, type Codec, type EndOffsets } from '@smartcourse/platform';

/**
 * The baseline of the throughput lines: a bare kafkajs consumer reading partitions from `starts`
 * (their beginning when absent) to `ends`, decoding every record with the platform's codec and
 * doing nothing else. A record that never decodes is counted and passed, as the replay does; a
 * transient fault stops the read.
 */
export async function readBare(
  kafka: Kafka,
  codec: Codec,
  topics: readonly string[],
  ends: EndOffsets,
  starts: EndOffsets = new Map(),
): Promise<{ seconds: number; readSeconds: number; undecodable: number }> {
  const groupId = `bench-bare-reader-${randomUUID()}`;
  const pending = new Set([...ends].filter(([key, { high }]) => high > (starts.get(key)?.high ?? 0)).map(([key]) => key));
  let first = 0;
  let undecodable = 0;
  let settle!: () => void;
  const done = new Promise<void>((resolve) => (settle = resolve));
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, allowAutoTopicCreation: false });
  const started = performance.now();
  await consumer.connect();
  try {
    for (const topic of topics) await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 3,
      eachBatch: async ({ batch }) => {
        const key = `${batch.topic}/${batch.partition}`;
        const end = ends.get(key)?.high;
        if (end === undefined || !pending.has(key)) return;
        const start = starts.get(key)?.high ?? 0;
        first ||= performance.now();
        for (const message of batch.messages) {
          if (Number(message.offset) >= end) break;
          if (Number(message.offset) < start) continue;
          try {
            await codec.decode(batch.topic, message.value);
          } catch (thrown) {
            if (isTransient(asError(thrown))) throw thrown;
            undecodable += 1;
          }
        }
        if (Number(batch.lastOffset()) >= end - 1) {
          pending.delete(key);
          if (pending.size === 0) settle();
        }
      },
    });
    // From where the measured records begin: what came before is not part of the measure.
    for (const [key, { high }] of starts) {
      const [topic, partition] = [key.slice(0, key.lastIndexOf('/')), Number(key.slice(key.lastIndexOf('/') + 1))];
      consumer.seek({ topic, partition, offset: String(high) });
    }
    await done;
    const last = performance.now();
    return { seconds: (last - started) / 1000, readSeconds: (last - first) / 1000, undecodable };
  } finally {
    await consumer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteGroups([groupId]);
    await admin.disconnect();
  }
}
