import type { Admin } from 'kafkajs';
import type { PartitionPurge } from './purge-plan.js';

/** Deletes the planned records: each partition's start moves to its `before` offset. */
export async function executePurge(admin: Admin, topic: string, plan: readonly PartitionPurge[]): Promise<number> {
  const partitions = plan.filter((p) => p.records > 0);
  if (partitions.length > 0)
    await admin.deleteTopicRecords({ topic, partitions: partitions.map((p) => ({ partition: p.partition, offset: String(p.before) })) });
  return partitions.reduce((sum, p) => sum + p.records, 0);
}
