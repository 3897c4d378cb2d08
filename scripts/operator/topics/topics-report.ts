import type { TopicKind, TopicSpec } from '@smartcourse/contracts';
import type { BrokerTopic, PartitionOffsets } from './broker-topics.js';
import type { CommittedOffset } from './group-offsets.js';

/** How far a consumer group is behind on one topic: the records between its commits and the ends. */
export interface GroupLag {
  group: string;
  lag: number;
  /** Only the partitions the group has committed an offset on. */
  partitions: { partition: number; committed: number; end: number; lag: number }[];
}

export interface TopicConfig {
  partitions: number;
  retentionMs: number | null;
  cleanupPolicy: string;
}

export interface TopicReport {
  name: string;
  /** null for a topic the catalog lacks. */
  kind: TopicKind | null;
  /** What the catalog asks for; null for a topic the catalog lacks. */
  catalog: TopicConfig | null;
  /** What the broker has (offsetSpan: end − earliest over the partitions, an upper bound of the records: compaction leaves gaps); null for a catalog topic missing on the broker. */
  broker: (TopicConfig & { offsets: PartitionOffsets[]; offsetSpan: number }) | null;
  /** Where the broker's configuration differs from the catalog's, one sentence each. */
  drift: string[];
  groups: GroupLag[];
}

export interface TopicsReport {
  /** Every catalog topic, in catalog order. */
  topics: TopicReport[];
  /** Topics on the broker that the catalog lacks. */
  notInCatalog: TopicReport[];
  /** Catalog topics the broker lacks. */
  missingOnBroker: string[];
}

/** Puts the catalog, the broker's topics and the groups' commits side by side. */
export function topicsReport(catalog: readonly TopicSpec[], broker: readonly BrokerTopic[], committed: readonly CommittedOffset[]): TopicsReport {
  const onBroker = new Map(broker.map((t) => [t.name, t]));
  const catalogNames = new Set(catalog.map((t) => t.name));
  const report = (name: string, spec: TopicSpec | undefined): TopicReport => {
    const found = onBroker.get(name);
    const wanted = spec ? { partitions: spec.partitions, retentionMs: spec.retentionMs, cleanupPolicy: spec.cleanupPolicy } : null;
    const actual = found
      ? {
          partitions: found.partitions,
          retentionMs: found.retentionMs,
          cleanupPolicy: found.cleanupPolicy,
          offsets: found.offsets,
          offsetSpan: found.offsets.reduce((sum, o) => sum + o.end - o.earliest, 0),
        }
      : null;
    return {
      name,
      kind: spec?.kind ?? null,
      catalog: wanted,
      broker: actual,
      drift: wanted && actual ? configDrift(wanted, actual) : [],
      groups: found
        ? groupLags(
            found,
            committed.filter((c) => c.topic === name),
          )
        : [],
    };
  };
  return {
    topics: catalog.map((spec) => report(spec.name, spec)),
    notInCatalog: broker.filter((t) => !catalogNames.has(t.name)).map((t) => report(t.name, undefined)),
    missingOnBroker: catalog.filter((spec) => !onBroker.has(spec.name)).map((spec) => spec.name),
  };
}

function configDrift(catalog: TopicConfig, broker: TopicConfig): string[] {
  const drift: string[] = [];
  if (catalog.partitions !== broker.partitions) drift.push(`partitions: broker ${broker.partitions}, catalog ${catalog.partitions}`);
  if (catalog.retentionMs !== broker.retentionMs)
    drift.push(`retention: broker ${retentionText(broker.retentionMs)}, catalog ${retentionText(catalog.retentionMs)}`);
  if (catalog.cleanupPolicy !== broker.cleanupPolicy) drift.push(`cleanup.policy: broker ${broker.cleanupPolicy}, catalog ${catalog.cleanupPolicy}`);
  return drift;
}

/** Retention as a person reads it: `forever`, `7d`, `36h`, or milliseconds when not whole hours. */
export function retentionText(ms: number | null): string {
  if (ms === null) return 'forever';
  const HOUR = 3_600_000;
  if (ms % (24 * HOUR) === 0) return `${ms / (24 * HOUR)}d`;
  if (ms % HOUR === 0) return `${ms / HOUR}h`;
  return `${ms}ms`;
}

function groupLags(topic: BrokerTopic, committed: readonly CommittedOffset[]): GroupLag[] {
  const ends = new Map(topic.offsets.map((o) => [o.partition, o.end]));
  const byGroup = new Map<string, GroupLag>();
  for (const commit of committed) {
    const end = ends.get(commit.partition);
    // an offset on a partition the topic no longer has (a topic deleted and made again)
    if (end === undefined) continue;
    const lag = Math.max(0, end - commit.offset);
    const entry = byGroup.get(commit.group) ?? { group: commit.group, lag: 0, partitions: [] };
    entry.partitions.push({ partition: commit.partition, committed: commit.offset, end, lag });
    entry.lag += lag;
    byGroup.set(commit.group, entry);
  }
  for (const entry of byGroup.values()) entry.partitions.sort((a, b) => a.partition - b.partition);
  return [...byGroup.values()].sort((a, b) => a.group.localeCompare(b.group));
}
