import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { topics } from '@smartcourse/contracts';
import { kafka } from '../../support/kafka.js';
import { scJson } from '../../support/sc.js';

/** `sc topics` against the dev broker, which provisioning filled from the catalog. */

interface TopicReport {
  name: string;
  kind: string | null;
  catalog: { partitions: number; retentionMs: number | null; cleanupPolicy: string } | null;
  broker: { partitions: number; retentionMs: number | null; cleanupPolicy: string; offsets: { partition: number; earliest: number; end: number }[] } | null;
  drift: string[];
  groups: { group: string; lag: number; partitions: { partition: number; committed: number; end: number; lag: number }[] }[];
}
interface Report {
  topics: TopicReport[];
  notInCatalog: TopicReport[];
  missingOnBroker: string[];
}

const admin = kafka.admin();
const group = `sc-topics-test-${randomUUID()}`;
afterAll(async () => {
  await admin.deleteGroups([group]);
  await admin.disconnect();
});

describe('sc topics', () => {
  it('lists every catalog topic as the broker has it, with the lag of a group that committed an offset', async () => {
    // given a group that committed offset 1 on partition 0 of a topic holding records there
    await admin.connect();
    const topic = 'user.registered';
    const end = Number((await admin.fetchTopicOffsets(topic)).find((o) => o.partition === 0)?.high);
    expect(end).toBeGreaterThan(1);
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '1' }] });

    const report = await scJson<Report>(['topics', '--group', group]);

    expect(report.topics.map((t) => t.name)).toEqual(topics.map((t) => t.name));
    expect(report.missingOnBroker).toEqual([]);
    for (const spec of topics) {
      const listed = report.topics.find((t) => t.name === spec.name)!;
      expect(listed).toMatchObject({
        kind: spec.kind,
        catalog: { partitions: spec.partitions, retentionMs: spec.retentionMs, cleanupPolicy: spec.cleanupPolicy },
        broker: { partitions: spec.partitions, retentionMs: spec.retentionMs, cleanupPolicy: spec.cleanupPolicy },
        drift: [],
      });
      expect(listed.broker?.offsets.map((o) => o.partition)).toEqual([...Array(spec.partitions).keys()]);
    }
    const lags = report.topics.find((t) => t.name === topic)!.groups;
    expect(lags).toHaveLength(1);
    const [lag] = lags;
    expect(lag?.group).toBe(group);
    expect(lag?.partitions).toHaveLength(1);
    expect(lag?.partitions[0]).toMatchObject({ partition: 0, committed: 1 });
    expect(lag?.partitions[0]?.end).toBeGreaterThanOrEqual(end);
    expect(lag?.lag).toBe((lag?.partitions[0]?.end ?? 0) - 1);
    // the group committed nothing elsewhere
    expect(report.topics.filter((t) => t.name !== topic).flatMap((t) => t.groups)).toEqual([]);
    expect(report.notInCatalog.every((t) => !t.name.startsWith('__'))).toBe(true);
  });
});
