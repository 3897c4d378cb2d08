import type { Admin, ConfigResourceTypes, DescribeConfigResponse } from 'kafkajs';
import type { TopicSpec } from '@smartcourse/contracts';
import { AppError } from '../errors.js';

/**
 * Creates the catalog's topics and keeps their settings in line with it, idempotently:
 * missing topics are created, differing configs altered, partitions of dead-letter topics
 * increased (never decreased: Kafka cannot). A second run with the same catalog changes nothing.
 *
 * Other topics are never given more partitions: a record's partition is the hash of its key
 * modulo the count, so more partitions send a key's new records to another partition than its
 * old ones. Consumers then see a key's records out of order, and a compacted topic keeps two
 * "latest" values (or a tombstone beside the value it was meant to erase). Provisioning refuses
 * such a catalog before changing anything.
 */

export interface ProvisioningLogger {
  info(obj: object, msg?: string): void;
}

export type TopicProvisioningSpec = Pick<TopicSpec, 'name' | 'kind' | 'partitions' | 'retentionMs' | 'cleanupPolicy'>;

export interface ProvisionTopicsOptions {
  readonly admin: Admin;
  readonly topics: readonly TopicProvisioningSpec[];
  /** 1 on the local single broker; 3 on a real cluster. */
  readonly replicationFactor?: number;
  readonly logger?: ProvisioningLogger;
}

export interface ConfigChange {
  readonly from: string | null;
  readonly to: string;
}

export interface TopicProvisioningSummary {
  readonly created: readonly string[];
  readonly altered: readonly { topic: string; configs: Record<string, ConfigChange> }[];
  readonly partitionsIncreased: readonly { topic: string; from: number; to: number }[];
  /** Topics with more partitions than the catalog asks for; left as they are. */
  readonly partitionsAhead: readonly { topic: string; actual: number; catalog: number }[];
  readonly unchanged: readonly string[];
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** kafkajs' ConfigResourceTypes.TOPIC; its enums are not importable as values from ESM. */
const TOPIC_RESOURCE = 2 as ConfigResourceTypes;
/** kafkajs' ConfigSource.TOPIC_CONFIG: a value set on the topic itself. */
const TOPIC_CONFIG_SOURCE = 1;

/** The topic-level configs the catalog entry implies. */
export function topicConfigs(spec: TopicProvisioningSpec): Record<string, string> {
  const configs: Record<string, string> = {
    'cleanup.policy': spec.cleanupPolicy,
    'retention.ms': String(spec.retentionMs ?? -1),
  };
  if (spec.cleanupPolicy === 'compact') {
    // Roll segments often and clean at a low dirty ratio so that superseded records and
    // tombstones are compacted within minutes, not only once a 1 GiB segment fills up;
    // max.compaction.lag.ms bounds how long an erased user's data can linger.
    configs['segment.ms'] = String(10 * MINUTE);
    configs['min.cleanable.dirty.ratio'] = '0.1';
    configs['max.compaction.lag.ms'] = String(DAY);
    configs['delete.retention.ms'] = String(DAY);
  }
  return configs;
}

export async function provisionTopics(options: ProvisionTopicsOptions): Promise<TopicProvisioningSummary> {
  const { admin, topics, replicationFactor = 1, logger } = options;
  assertUniqueNames(topics);
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t.name));
  const present = topics.filter((t) => existing.has(t.name));
  const { increase, ahead } = planPartitions(present, await partitionCounts(admin, present));

  const created = await createMissing(admin, missing, replicationFactor);
  for (const name of created) logger?.info({ topic: name }, 'topic created');

  const altered = await alterDifferingConfigs(admin, present);
  for (const { topic, configs } of altered) logger?.info({ topic, configs }, 'topic configs altered');

  if (increase.length > 0) {
    await admin.createPartitions({ topicPartitions: increase.map(({ topic, to }) => ({ topic, count: to })) });
  }
  for (const change of increase) logger?.info(change, 'topic partitions increased');
  for (const change of ahead) logger?.info(change, 'topic has more partitions than the catalog; left as is');

  const changed = new Set([...created, ...altered.map((a) => a.topic), ...increase.map((p) => p.topic)]);
  return {
    created,
    altered,
    partitionsIncreased: increase,
    partitionsAhead: ahead,
    unchanged: topics.map((t) => t.name).filter((name) => !changed.has(name)),
  };
}

/**
 * Dead letters may be spread over more partitions: dead-lettering already takes a record out
 * of its key's order (its successors were processed), and operators read them one by one.
 */
function mayAddPartitions(spec: TopicProvisioningSpec): boolean {
  return spec.kind === 'dead-letter' && spec.cleanupPolicy === 'delete';
}

function assertUniqueNames(topics: readonly TopicProvisioningSpec[]): void {
  const names = topics.map((t) => t.name);
  const duplicates = names.filter((name, i) => names.indexOf(name) !== i);
  if (duplicates.length > 0) throw new Error(`topics listed twice: ${duplicates.join(', ')}`);
}

async function createMissing(admin: Admin, missing: readonly TopicProvisioningSpec[], replicationFactor: number): Promise<string[]> {
  if (missing.length === 0) return [];
  await admin.createTopics({
    waitForLeaders: true,
    topics: missing.map((spec) => ({
      topic: spec.name,
      numPartitions: spec.partitions,
      replicationFactor,
      configEntries: Object.entries(topicConfigs(spec)).map(([name, value]) => ({ name, value })),
    })),
  });
  return missing.map((t) => t.name);
}

async function alterDifferingConfigs(
  admin: Admin,
  present: readonly TopicProvisioningSpec[],
): Promise<{ topic: string; configs: Record<string, ConfigChange> }[]> {
  if (present.length === 0) return [];
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: present.map((t) => ({ type: TOPIC_RESOURCE, name: t.name })),
  });
  const altered: { topic: string; configs: Record<string, ConfigChange> }[] = [];
  for (const spec of present) {
    const current = currentConfigs(described, spec.name);
    const desired = topicConfigs(spec);
    const changes: Record<string, ConfigChange> = {};
    for (const [name, value] of Object.entries(desired)) {
      const actual = current.all.get(name) ?? null;
      if (actual !== value) changes[name] = { from: actual, to: value };
    }
    if (Object.keys(changes).length === 0) continue;
    // AlterConfigs (the only call kafkajs has) replaces the topic's whole set of overrides:
    // send the overrides it already has plus ours, or the others fall back to broker defaults.
    const entries = { ...Object.fromEntries(current.overrides), ...desired };
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: TOPIC_RESOURCE,
          name: spec.name,
          configEntries: Object.entries(entries).map(([name, value]) => ({ name, value })),
        },
      ],
    });
    altered.push({ topic: spec.name, configs: changes });
  }
  return altered;
}

function currentConfigs(described: DescribeConfigResponse, topic: string): { all: Map<string, string>; overrides: Map<string, string> } {
  const resource = described.resources.find((r) => r.resourceName === topic);
  if (!resource) throw new Error(`describeConfigs returned nothing for topic ${topic}`);
  if (resource.errorCode !== 0) {
    throw new Error(`describeConfigs failed for topic ${topic}: ${resource.errorMessage} (code ${resource.errorCode})`);
  }
  const all = new Map<string, string>();
  const overrides = new Map<string, string>();
  for (const entry of resource.configEntries) {
    all.set(entry.configName, entry.configValue);
    if (entry.configSource === TOPIC_CONFIG_SOURCE && !entry.isSensitive) {
      overrides.set(entry.configName, entry.configValue);
    }
  }
  return { all, overrides };
}

async function partitionCounts(admin: Admin, present: readonly TopicProvisioningSpec[]): Promise<Map<string, number>> {
  if (present.length === 0) return new Map();
  const metadata = await admin.fetchTopicMetadata({ topics: present.map((t) => t.name) });
  return new Map(metadata.topics.map((t) => [t.name, t.partitions.length]));
}

/** Throws, naming every topic, when the catalog asks for more partitions where keys would move. */
function planPartitions(
  present: readonly TopicProvisioningSpec[],
  counts: ReadonlyMap<string, number>,
): {
  increase: { topic: string; from: number; to: number }[];
  ahead: { topic: string; actual: number; catalog: number }[];
} {
  const increase: { topic: string; from: number; to: number }[] = [];
  const ahead: { topic: string; actual: number; catalog: number }[] = [];
  const refused: { topic: string; kind: string; cleanupPolicy: string; actual: number; catalog: number }[] = [];
  for (const spec of present) {
    const actual = counts.get(spec.name);
    if (actual === undefined) throw new Error(`no metadata for topic ${spec.name}`);
    if (actual > spec.partitions) ahead.push({ topic: spec.name, actual, catalog: spec.partitions });
    if (actual >= spec.partitions) continue;
    if (mayAddPartitions(spec)) increase.push({ topic: spec.name, from: actual, to: spec.partitions });
    else refused.push({ topic: spec.name, kind: spec.kind, cleanupPolicy: spec.cleanupPolicy, actual, catalog: spec.partitions });
  }
  if (refused.length > 0) throw partitionGrowthRefused(refused);
  return { increase, ahead };
}

function partitionGrowthRefused(refused: readonly { topic: string; kind: string; cleanupPolicy: string; actual: number; catalog: number }[]): AppError {
  const lines = refused.map((r) => `  ${r.topic} (${r.kind}, ${r.cleanupPolicy}): has ${r.actual} partitions, the catalog asks for ${r.catalog}`);
  return new AppError({
    code: 'PARTITION_GROWTH_REFUSED',
    message: [
      'refusing to add partitions to keyed topics; nothing was changed:',
      ...lines,
      'More partitions would move keys to other partitions, breaking per-key order and compaction.',
      'Either set the catalog back to the current count, or create a new topic with the partitions',
      'wanted, copy the records over in order, and move producers and consumers to it.',
    ].join('\n'),
    details: refused,
  });
}
