import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, it, expect } from '@jest/globals';
import { Kafka, logLevel, type Admin, type ConfigResourceTypes } from 'kafkajs';
import { latestSchema, subjectSpec } from '@smartcourse/contracts';
import { provisionTopics, registerSchemas, SchemaRegistryError, type TopicProvisioningSpec } from '../src/provisioning/index.js';

/** Against the real local Kafka and schema registry, on throw-away topics and subjects. */

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const registryUrl = (process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7').replace(/\/+$/, '');
const TOPIC_RESOURCE = 2 as ConfigResourceTypes;
const HOUR = 3_600_000;

const createdTopics: string[] = [];
const createdSubjects: string[] = [];
let admin: Admin;

/** A catalog of two throw-away topics: a compacted event topic and a short-lived command topic. */
function throwAwayCatalog(): [TopicProvisioningSpec, TopicProvisioningSpec] {
  const id = randomUUID();
  const catalog: [TopicProvisioningSpec, TopicProvisioningSpec] = [
    { name: `test-provisioning.${id}.registered`, kind: 'event', partitions: 2, retentionMs: null, cleanupPolicy: 'compact' },
    { name: `test-provisioning.${id}.commands`, kind: 'command', partitions: 1, retentionMs: HOUR, cleanupPolicy: 'delete' },
  ];
  createdTopics.push(...catalog.map((t) => t.name));
  return catalog;
}

async function configsOf(topic: string): Promise<Record<string, string>> {
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: TOPIC_RESOURCE, name: topic }],
  });
  return Object.fromEntries(described.resources[0]!.configEntries.map((e) => [e.configName, e.configValue]));
}

async function partitionsOf(topic: string): Promise<number> {
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  return topics[0]!.partitions.length;
}

beforeAll(async () => {
  admin = new Kafka({ clientId: 'provisioning-test', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
});

afterAll(async () => {
  const existing = new Set(await admin.listTopics());
  const toDelete = createdTopics.filter((t) => existing.has(t));
  if (toDelete.length > 0) await admin.deleteTopics({ topics: toDelete });
  await admin.disconnect();
  for (const subject of createdSubjects) {
    const path = `${registryUrl}/subjects/${encodeURIComponent(subject)}`;
    await fetch(path, { method: 'DELETE' });
    await fetch(`${path}?permanent=true`, { method: 'DELETE' });
  }
});

describe('provisionTopics', () => {
  it('creates missing topics with the partitions and configs of the catalog', async () => {
    const [events, commands] = throwAwayCatalog();

    const summary = await provisionTopics({ admin, topics: [events, commands] });

    expect(summary.created).toEqual([events.name, commands.name]);
    expect(await partitionsOf(events.name)).toBe(2);
    expect(await partitionsOf(commands.name)).toBe(1);
    expect(await configsOf(events.name)).toMatchObject({
      'cleanup.policy': 'compact',
      'retention.ms': '-1',
      'segment.ms': '600000',
      'min.cleanable.dirty.ratio': '0.1',
      'max.compaction.lag.ms': '86400000',
    });
    expect(await configsOf(commands.name)).toMatchObject({
      'cleanup.policy': 'delete',
      'retention.ms': String(HOUR),
    });
  });

  it('changes nothing when run again with the same catalog', async () => {
    const catalog = throwAwayCatalog();
    await provisionTopics({ admin, topics: catalog });

    const again = await provisionTopics({ admin, topics: catalog });

    expect(again).toEqual({
      created: [],
      altered: [],
      partitionsIncreased: [],
      partitionsAhead: [],
      unchanged: catalog.map((t) => t.name),
    });
  });

  it('alters a changed retention and keeps overrides set outside the catalog', async () => {
    const [events, commands] = throwAwayCatalog();
    await provisionTopics({ admin, topics: [events, commands] });
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: TOPIC_RESOURCE,
          name: commands.name,
          configEntries: [
            { name: 'cleanup.policy', value: 'delete' },
            { name: 'retention.ms', value: String(HOUR) },
            { name: 'max.message.bytes', value: '2000000' },
          ],
        },
      ],
    });

    const summary = await provisionTopics({ admin, topics: [events, { ...commands, retentionMs: 2 * HOUR }] });

    expect(summary.altered).toEqual([{ topic: commands.name, configs: { 'retention.ms': { from: String(HOUR), to: String(2 * HOUR) } } }]);
    expect(summary.unchanged).toEqual([events.name]);
    expect(await configsOf(commands.name)).toMatchObject({
      'retention.ms': String(2 * HOUR),
      'max.message.bytes': '2000000',
    });
  });

  it('adds partitions to a dead-letter topic when the catalog asks for more, and never removes any', async () => {
    const [events] = throwAwayCatalog();
    const deadLetters: TopicProvisioningSpec = {
      name: `test-provisioning.${randomUUID()}.dlq`,
      kind: 'dead-letter',
      partitions: 1,
      retentionMs: 14 * 24 * HOUR,
      cleanupPolicy: 'delete',
    };
    createdTopics.push(deadLetters.name);
    await provisionTopics({ admin, topics: [events, deadLetters] });

    const summary = await provisionTopics({
      admin,
      topics: [
        { ...events, partitions: 1 },
        { ...deadLetters, partitions: 3 },
      ],
    });

    expect(summary.partitionsIncreased).toEqual([{ topic: deadLetters.name, from: 1, to: 3 }]);
    expect(summary.partitionsAhead).toEqual([{ topic: events.name, actual: 2, catalog: 1 }]);
    expect(await partitionsOf(deadLetters.name)).toBe(3);
    expect(await partitionsOf(events.name)).toBe(2);
  });

  it('refuses to add partitions to keyed topics, naming each, and changes nothing', async () => {
    const [events, commands] = throwAwayCatalog();
    await provisionTopics({ admin, topics: [{ ...events, partitions: 1 }, commands] });
    const [newTopic] = throwAwayCatalog();

    const attempt = provisionTopics({
      admin,
      topics: [events, { ...commands, partitions: 3, retentionMs: 2 * HOUR }, newTopic],
    });

    await expect(attempt).rejects.toMatchObject({
      code: 'PARTITION_GROWTH_REFUSED',
      details: [
        { topic: events.name, kind: 'event', cleanupPolicy: 'compact', actual: 1, catalog: 2 },
        { topic: commands.name, kind: 'command', cleanupPolicy: 'delete', actual: 1, catalog: 3 },
      ],
    });
    await expect(attempt).rejects.toThrow(`${events.name} (event, compact): has 1 partitions, the catalog asks for 2`);
    await expect(attempt).rejects.toThrow(`${commands.name} (command, delete): has 1 partitions, the catalog asks for 3`);
    expect(await partitionsOf(events.name)).toBe(1);
    expect(await partitionsOf(commands.name)).toBe(1);
    expect(await configsOf(commands.name)).toMatchObject({ 'retention.ms': String(HOUR) });
    expect(await admin.listTopics()).not.toContain(newTopic.name);
  });
});

describe('registerSchemas', () => {
  function throwAwaySubjects() {
    const id = randomUUID();
    const list = [
      { subject: `provision-test-${id}.registered-value`, versions: subjectSpec('user.registered-value').versions },
      { subject: `provision-test-${id}.results-value`, versions: subjectSpec('command.results-value').versions },
    ];
    createdSubjects.push(...list.map((s) => s.subject));
    return list;
  }

  async function compatibilityOf(subject: string): Promise<unknown> {
    const response = await fetch(`${registryUrl}/config/${encodeURIComponent(subject)}`);
    return response.json();
  }

  it('registers every version oldest first, sets FULL_TRANSITIVE, and changes nothing the second time', async () => {
    const list = throwAwaySubjects();
    const [registered, results] = list.map((s) => s.subject) as [string, string];

    const first = await registerSchemas({ registryUrl, subjects: list });
    const second = await registerSchemas({ registryUrl, subjects: list });

    expect(first.registered.map(({ subject, version }) => [subject, version])).toEqual([...list[0]!.versions.map((_, i) => [registered, i + 1]), [results, 1]]);
    expect(first.configured).toEqual([registered, results]);
    expect(second.registered).toEqual([]);
    expect(second.configured).toEqual([]);
    expect(second.latestIds).toEqual(first.latestIds);
    expect(Object.keys(first.latestIds)).toEqual([registered, results]);
    for (const subject of [registered, results]) {
      expect(await compatibilityOf(subject)).toMatchObject({ compatibilityLevel: 'FULL_TRANSITIVE' });
    }
    const versions = await fetch(`${registryUrl}/subjects/${encodeURIComponent(registered)}/versions`);
    expect(await versions.json()).toEqual(list[0]!.versions.map((_, i) => i + 1));
  });

  it('fails naming the subject and quoting the registry when a version breaks compatibility', async () => {
    const [spec] = throwAwaySubjects();
    const latest = latestSchema('user.registered-value');
    const breaking = { ...latest, fields: [...(latest.fields as object[]), { name: 'mandatory', type: 'string' }] };

    const attempt = registerSchemas({ registryUrl, subjects: [{ ...spec!, versions: [...spec!.versions, breaking] }] });

    await expect(attempt).rejects.toThrow(SchemaRegistryError);
    await expect(attempt).rejects.toThrow(new RegExp(`subject ${spec!.subject.replace(/\./g, '\\.')}: HTTP 409`));
  });
});
