import type { Admin, ConfigResourceTypes } from 'kafkajs';
import { mapBounded } from '../concurrency/map-bounded.js';

/** kafkajs' ConfigResourceTypes.TOPIC; its enums are not importable as values from ESM. */
const TOPIC_RESOURCE = 2 as ConfigResourceTypes;

export interface PartitionOffsets {
  partition: number;
  /** The first offset still on the broker (retention and compaction move it). */
  earliest: number;
  /** The offset the next record will get: the high watermark. */
  end: number;
}

/** A topic as the broker has it configured, with its offsets now. */
export interface BrokerTopic {
  name: string;
  partitions: number;
  /** null: kept forever (retention.ms -1). */
  retentionMs: number | null;
  cleanupPolicy: string;
  offsets: PartitionOffsets[];
}

/** Kafka's own topics (`__consumer_offsets`, …) are not the platform's. */
export const isInternalTopic = (name: string) => name.startsWith('__');

export async function listBrokerTopics(admin: Admin): Promise<string[]> {
  return (await admin.listTopics()).filter((name) => !isInternalTopic(name)).sort();
}

/** Partitions, retention, cleanup policy and offsets of these topics, as the broker answers now. */
export async function readBrokerTopics(admin: Admin, names: readonly string[]): Promise<BrokerTopic[]> {
  if (names.length === 0) return [];
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: names.map((name) => ({ type: TOPIC_RESOURCE, name, configNames: ['retention.ms', 'cleanup.policy'] })),
  });
  return mapBounded(names, 10, async (name) => {
    const resource = described.resources.find((r) => r.resourceName === name);
    if (!resource) throw new Error(`the broker described no configuration for topic ${name}`);
    if (resource.errorCode !== 0) throw new Error(`the broker refused to describe topic ${name}: ${resource.errorMessage} (code ${resource.errorCode})`);
    const config = new Map(resource.configEntries.map((entry) => [entry.configName, entry.configValue]));
    const retention = Number(config.get('retention.ms') ?? -1);
    const offsets = (await admin.fetchTopicOffsets(name))
      .map((o) => ({ partition: o.partition, earliest: Number(o.low), end: Number(o.high) }))
      .sort((a, b) => a.partition - b.partition);
    return {
      name,
      partitions: offsets.length,
      retentionMs: retention < 0 ? null : retention,
      cleanupPolicy: config.get('cleanup.policy') ?? 'delete',
      offsets,
    };
  });
}
