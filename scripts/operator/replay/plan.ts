import type { Admin, Kafka } from 'kafkajs';
import { topics as catalogTopics } from '@smartcourse/contracts/catalog';
import { OperatorError } from '../failure.js';
import type { TopicScope } from '../topic-scope.js';

/** Where to move a group's offsets, as Kafka's own tool names it. */
export type ReplayTarget =
  { kind: 'datetime'; at: Date } | { kind: 'duration'; ms: number } | { kind: 'offset'; offset: number } | { kind: 'earliest' } | { kind: 'latest' };

export interface PartitionMove {
  topic: string;
  partition: number;
  /** The committed offset (the next record the group reads); null when the group has none there. */
  current: number | null;
  target: number;
  /** Records the group will read again (negative: records it will skip). */
  reread: number;
  low: number;
  high: number;
}

export interface ReplayPlan {
  group: string;
  state: string;
  target: ReplayTarget;
  /** The instant a datetime or duration target resolved to. */
  resolvedAt: string | null;
  moves: PartitionMove[];
  reread: number;
  executed: boolean;
}

export interface GroupMember {
  memberId: string;
  clientId: string;
  clientHost: string;
}

/** The group's state and members; refuses a group the broker does not know. */
export async function describeGroup(admin: Admin, group: string): Promise<{ state: string; members: GroupMember[] }> {
  const [described] = (await admin.describeGroups([group])).groups;
  if (!described || described.state === 'Dead') throw new OperatorError(`the broker knows no consumer group "${group}"`);
  return { state: described.state, members: described.members.map(({ memberId, clientId, clientHost }) => ({ memberId, clientId, clientHost })) };
}

/** Refuses while the group has members: their consumers would overwrite the moved offsets. */
export function assertStopped(group: string, described: { state: string; members: GroupMember[] }): void {
  if (described.members.length === 0) return;
  const names = described.members.map((member) => `${member.clientId} at ${member.clientHost} (${member.memberId})`).join('; ');
  throw new OperatorError(
    `group ${group} is ${described.state} with ${described.members.length} member(s): ${names}. Stop them first; offsets move only for a stopped group`,
  );
}

/** The topics in scope: those asked for, else every topic the group has committed offsets on. */
async function scopedTopics(admin: Admin, group: string, scopes: readonly TopicScope[]): Promise<TopicScope[]> {
  const known = new Set(catalogTopics.map((topic) => topic.name));
  const onBroker = new Set(await admin.listTopics());
  for (const scope of scopes) {
    if (!onBroker.has(scope.topic))
      throw new OperatorError(`no topic "${scope.topic}" on the broker${known.has(scope.topic) ? ' (it is in the catalog: run scripts/provision.ts)' : ''}`);
  }
  if (scopes.length > 0) return [...scopes];
  const committed = await admin.fetchOffsets({ groupId: group });
  const held = committed.filter((entry) => entry.partitions.some((p) => Number(p.offset) >= 0)).map((entry) => ({ topic: entry.topic }));
  if (held.length === 0) throw new OperatorError(`group ${group} has committed no offsets; name the topics with --topic`);
  return held;
}

async function targetsOf(admin: Admin, topic: string, target: ReplayTarget, now: number): Promise<Map<number, number>> {
  if (target.kind !== 'datetime' && target.kind !== 'duration') return new Map();
  const at = target.kind === 'datetime' ? target.at.getTime() : now - target.ms;
  // Kafka answers -1 for a partition with no record at or after the time: the group goes to the end.
  return new Map((await admin.fetchTopicOffsetsByTimestamp(topic, at)).map((p) => [p.partition, Number(p.offset)]));
}

/** Computes, per partition in scope, the committed offset now and where the target puts it. Moves nothing. */
export async function planReplay(admin: Admin, group: string, target: ReplayTarget, scopes: readonly TopicScope[], now = Date.now()): Promise<ReplayPlan> {
  const described = await describeGroup(admin, group);
  const moves: PartitionMove[] = [];
  for (const scope of await scopedTopics(admin, group, scopes)) {
    const offsets = await admin.fetchTopicOffsets(scope.topic);
    const partitions = new Set(offsets.map((p) => p.partition));
    for (const partition of scope.partitions ?? []) {
      if (!partitions.has(partition)) throw new OperatorError(`topic ${scope.topic} has no partition ${partition} (it has ${partitions.size})`);
    }
    const [committed] = await admin.fetchOffsets({ groupId: group, topics: [scope.topic] });
    const currentOf = new Map((committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
    const byTime = await targetsOf(admin, scope.topic, target, now);
    for (const { partition, low: lowText, high: highText } of [...offsets].sort((a, b) => a.partition - b.partition)) {
      if (scope.partitions && !scope.partitions.includes(partition)) continue;
      const [low, high] = [Number(lowText), Number(highText)];
      const committedOffset = currentOf.get(partition) ?? -1;
      const current = committedOffset >= 0 ? committedOffset : null;
      const wanted = {
        earliest: low,
        latest: high,
        offset: target.kind === 'offset' ? target.offset : low,
        datetime: byTime.get(partition) ?? -1,
        duration: byTime.get(partition) ?? -1,
      }[target.kind];
      const moved = wanted < 0 ? high : Math.min(Math.max(wanted, low), high);
      moves.push({ topic: scope.topic, partition, current, target: moved, reread: (current ?? low) - moved, low, high });
    }
  }
  const resolvedAt = target.kind === 'datetime' ? target.at.toISOString() : target.kind === 'duration' ? new Date(now - target.ms).toISOString() : null;
  return { group, state: described.state, target, resolvedAt, moves, reread: moves.reduce((sum, move) => sum + Math.max(move.reread, 0), 0), executed: false };
}

/**
 * Commits the plan's offsets for the group, checking again that it has no member. One consumer
 * joins the stopped group for every topic of the plan, fetches nothing (all paused, no auto
 * commit), commits the new offsets and leaves: the admin client's setOffsets would join once
 * per topic, seconds each.
 */
export async function executeReplay(kafka: Kafka, admin: Admin, plan: ReplayPlan): Promise<ReplayPlan> {
  assertStopped(plan.group, await describeGroup(admin, plan.group));
  const topics = [...new Set(plan.moves.map((move) => move.topic))];
  const consumer = kafka.consumer({ groupId: plan.group, allowAutoTopicCreation: false, retry: { retries: 3, restartOnFailure: async () => false } });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.connect();
  try {
    await consumer.subscribe({ topics });
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: async () => undefined });
    consumer.pause(topics.map((topic) => ({ topic })));
    await joined;
    await consumer.commitOffsets(plan.moves.map((move) => ({ topic: move.topic, partition: move.partition, offset: String(move.target) })));
  } finally {
    await consumer.disconnect();
  }
  return { ...plan, executed: true };
}
