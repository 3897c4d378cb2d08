import type { Admin } from 'kafkajs';
import { mapBounded } from '../concurrency/map-bounded.js';
import type { Progress } from '../progress.js';

/** One partition offset a consumer group has committed. */
export interface CommittedOffset {
  group: string;
  topic: string;
  partition: number;
  offset: number;
}

/**
 * Groups made to read once and be thrown away: a replay's or a tail's, named `replay-<uuid>`
 * and `sc-tail-<uuid>`. Their offsets, when one outlives its run, say nothing about a consumer.
 */
export const isThrowawayGroup = (groupId: string) => /^(replay|sc-tail)-/.test(groupId);

/** Every offset committed by the broker's consumer groups (those of `keep`), throwaway groups left out. */
export async function readCommittedOffsets(admin: Admin, keep: (groupId: string) => boolean, progress: Progress): Promise<CommittedOffset[]> {
  const { groups } = await admin.listGroups();
  const ids = groups
    .map((g) => g.groupId)
    .filter((id) => !isThrowawayGroup(id) && keep(id))
    .sort();
  let done = 0;
  progress.update(0, ids.length);
  const perGroup = await mapBounded(ids, 20, async (group) => {
    // without topics: every topic the group holds offsets on
    const committed = await admin.fetchOffsets({ groupId: group });
    progress.update(++done);
    return committed.flatMap(({ topic, partitions }) =>
      partitions.filter((p) => Number(p.offset) >= 0).map((p) => ({ group, topic, partition: p.partition, offset: Number(p.offset) })),
    );
  });
  return perGroup.flat();
}
