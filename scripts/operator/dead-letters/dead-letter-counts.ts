import type { Admin, Kafka } from 'kafkajs';
import type { TopicSpec } from '@smartcourse/contracts';
import { partitionBounds, readRanges, type PartitionBounds } from './read-records.js';

/** How many dead letters a topic holds now (end − start per partition, after retention and purges), and the newest failure. */
export interface DeadLetterCount {
  topic: string;
  group: string;
  exists: boolean;
  records: number;
  partitions: Array<PartitionBounds & { records: number }>;
  newestFailureAt: string | null;
}

export async function countDeadLetters(connection: { kafka: Kafka; admin: Admin }, specs: readonly TopicSpec[]): Promise<DeadLetterCount[]> {
  const existing = new Set(await connection.admin.listTopics());
  const counts: DeadLetterCount[] = [];
  for (const spec of specs) {
    const bounds = existing.has(spec.name) ? await partitionBounds(connection.admin, spec.name) : [];
    const partitions = bounds.map((b) => ({ ...b, records: Math.max(0, b.end - b.start) }));
    counts.push({
      topic: spec.name,
      group: spec.owner,
      exists: existing.has(spec.name),
      records: partitions.reduce((sum, p) => sum + p.records, 0),
      partitions,
      newestFailureAt: null,
    });
  }
  // The newest failure is on the last record of a partition: one read of every last record.
  const lastRecords = await readRanges(
    connection.kafka,
    counts.flatMap((count) =>
      count.partitions.filter((p) => p.records > 0).map((p) => ({ topic: count.topic, partition: p.partition, from: p.end - 1, to: p.end })),
    ),
  );
  for (const record of lastRecords) {
    const count = counts.find((c) => c.topic === record.topic)!;
    const failedAt = record.headers.dlq_failed_at ?? new Date(record.timestamp).toISOString();
    if (count.newestFailureAt === null || failedAt > count.newestFailureAt) count.newestFailureAt = failedAt;
  }
  return counts;
}
