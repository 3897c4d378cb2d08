import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from '@jest/globals';
import { deadLetterTopic, subjectOf, topics } from './catalog.js';
import { loadVersions, schemasRoot, subjects } from './schemas.js';
import { parseSchema } from './compatibility.js';

/**
 * The catalog, the schema files and the registry subjects agree.
 *
 * Dead-letter rule: every consumer group named in `consumers` of a topic that is not itself a
 * dead-letter topic must have its `<group>.dlq` in the catalog (the gateway included: it
 * consumes command.results with a group of its own). Dead-letter topics are read by operators
 * (a person with the CLI, not a consumer group), so their consumers need none; and every
 * dead-letter topic belongs to a group that consumes something.
 */

const nonDeadLetter = topics.filter((t) => t.kind !== 'dead-letter');
const withRecords = topics.flatMap((topic) => topic.records.map((record) => ({ topic, record })));

interface Field {
  name: string;
  type: unknown;
}

function fieldsOf(schema: object): Field[] {
  return (schema as { fields?: Field[] }).fields ?? [];
}

function fullNameOf(schema: { name: string; namespace?: string }): string {
  return schema.name.includes('.') || !schema.namespace ? schema.name : `${schema.namespace}.${schema.name}`;
}

/** Folders under contracts/schemas that hold .avsc files, relative to the root. */
function schemaFolders(dir = schemasRoot): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return schemaFolders(full);
    return entry.endsWith('.avsc') ? [path.relative(schemasRoot, dir).split(path.sep).join('/')] : [];
  });
}

describe('topic catalog', () => {
  it('names every topic once', () => {
    const names = topics.map((t) => t.name);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });

  it('has no two names that Kafka would confuse in its metrics (. and _ collide)', () => {
    const normalised = topics.map((t) => t.name.replace(/\./g, '_'));
    expect(normalised.filter((name, i) => normalised.indexOf(name) !== i)).toEqual([]);
  });

  it('uses legal Kafka topic names following the naming rules', () => {
    for (const t of topics) {
      expect(t.name).toMatch(/^[a-z0-9._-]{1,249}$/);
      if (t.kind === 'command') expect(t.name).toMatch(/^[a-z_-]+\.commands$/);
      if (t.kind === 'dead-letter') expect(t.name).toBe(deadLetterTopic(t.owner));
      if (t.kind === 'event') expect(t.name).toMatch(/^[a-z_]+\.[a-z_]+(\.v\d+)?$/);
    }
  });

  it('gives every topic at least one partition and a positive retention or none', () => {
    for (const t of topics) {
      expect(Number.isInteger(t.partitions) && t.partitions >= 1).toBe(true);
      if (t.retentionMs !== null) expect(t.retentionMs).toBeGreaterThan(0);
    }
  });

  it('puts exactly one record type on every event and result topic, and at least one on command topics', () => {
    for (const t of topics) {
      if (t.kind === 'event' || t.kind === 'result') expect([t.name, t.records.length]).toEqual([t.name, 1]);
      if (t.kind === 'command') expect(t.records.length).toBeGreaterThan(0);
      if (t.kind === 'dead-letter') expect(t.records).toEqual([]);
    }
  });

  it('keeps personal-data events on compacted topics', () => {
    const offending = topics.filter((t) => t.kind === 'event' && t.personalData && t.cleanupPolicy !== 'compact').map((t) => t.name);
    expect(offending).toEqual([]);
  });

  it('has a dead-letter topic for every consumer group of a non-dead-letter topic', () => {
    const names = new Set(topics.map((t) => t.name));
    const missing = nonDeadLetter
      .flatMap((t) => t.consumers.map((group) => ({ topic: t.name, dlq: deadLetterTopic(group) })))
      .filter(({ dlq }) => !names.has(dlq));
    expect(missing).toEqual([]);
  });

  it('has no dead-letter topic for a group that consumes nothing', () => {
    const groups = new Set(nonDeadLetter.flatMap((t) => t.consumers));
    const orphans = topics.filter((t) => t.kind === 'dead-letter' && !groups.has(t.owner)).map((t) => t.name);
    expect(orphans).toEqual([]);
  });

  it('gives every record a unique full name and a unique registry subject', () => {
    const fullNames = withRecords.map(({ record }) => record.fullName);
    expect(fullNames.filter((name, i) => fullNames.indexOf(name) !== i)).toEqual([]);
    const subjectNames = subjects().map((s) => s.subject);
    expect(subjectNames.filter((name, i) => subjectNames.indexOf(name) !== i)).toEqual([]);
    expect(subjectNames).toHaveLength(withRecords.length);
  });

  it('derives subjects by TopicNameStrategy for events and results, TopicRecordNameStrategy for commands', () => {
    for (const { topic, record } of withRecords) {
      const expected = topic.kind === 'command' ? `${topic.name}-${record.fullName}` : `${topic.name}-value`;
      expect(subjectOf(topic, record)).toBe(expected);
    }
  });
});

describe('schema files', () => {
  it.each(withRecords.map(({ record }) => [record.schemaDir]))('%s holds v1.avsc … vN.avsc without gaps', (schemaDir) => {
    const files = readdirSync(path.join(schemasRoot, schemaDir)).filter((f) => f.endsWith('.avsc'));
    expect(files.length).toBeGreaterThan(0);
    const expected = files.map((_, i) => `v${i + 1}.avsc`);
    expect([...files].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))).toEqual(expected);
  });

  it('belong to a record of the catalog (no orphan schema folders)', () => {
    const known = new Set(withRecords.map(({ record }) => record.schemaDir));
    expect(schemaFolders().filter((dir) => !known.has(dir))).toEqual([]);
  });

  it.each(withRecords.map(({ record }) => [record.schemaDir, record] as const))(
    '%s: every version parses with avsc and carries the catalog full name',
    (schemaDir, record) => {
      for (const [i, schema] of loadVersions(schemaDir).entries()) {
        expect([`v${i + 1}`, schema.type]).toEqual([`v${i + 1}`, 'record']);
        expect(() => parseSchema(schema)).not.toThrow();
        expect([`v${i + 1}`, fullNameOf(schema)]).toEqual([`v${i + 1}`, record.fullName]);
        expect([`v${i + 1}`, parseSchema(schema).name]).toEqual([`v${i + 1}`, record.fullName]);
      }
    },
  );

  const eventRecords = withRecords.filter(({ topic }) => topic.kind === 'event');
  it.each(eventRecords.map(({ topic, record }) => [topic.name, record.schemaDir] as const))(
    '%s: every version has eventId (string) and occurredAt (timestamp-millis long)',
    (_name, schemaDir) => {
      for (const schema of loadVersions(schemaDir)) {
        const fields = fieldsOf(schema);
        expect(fields.find((f) => f.name === 'eventId')?.type).toBe('string');
        expect(fields.find((f) => f.name === 'occurredAt')?.type).toEqual({
          type: 'long',
          logicalType: 'timestamp-millis',
        });
      }
    },
  );

  it('never carries secrets: no password, hash, token or secret fields', () => {
    const secretLike = /password|hash|token|secret|otp|resetLink/i;
    const offending = withRecords.flatMap(({ record }) =>
      loadVersions(record.schemaDir).flatMap((schema, i) =>
        collectFieldNames(schema)
          .filter((name) => secretLike.test(name))
          .map((name) => `${record.schemaDir} v${i + 1}: ${name}`),
      ),
    );
    expect(offending).toEqual([]);
  });

  it('puts personal-data fields only on topics marked personalData', () => {
    const personal = /^(email|fullName|firstName|lastName|displayName|phone|address|bio)$/;
    const offending = withRecords
      .filter(({ topic }) => !topic.personalData)
      .flatMap(({ topic, record }) =>
        loadVersions(record.schemaDir).flatMap((schema) =>
          collectFieldNames(schema)
            .filter((name) => personal.test(name))
            .map((name) => `${topic.name}: ${name}`),
        ),
      );
    expect(offending).toEqual([]);
  });
});

/** Field names of a record and of every record nested in it. */
function collectFieldNames(schema: unknown): string[] {
  if (Array.isArray(schema)) return schema.flatMap(collectFieldNames);
  if (!schema || typeof schema !== 'object') return [];
  const node = schema as { fields?: Field[]; items?: unknown; values?: unknown };
  return [...(node.fields ?? []).flatMap((f) => [f.name, ...collectFieldNames(f.type)]), ...collectFieldNames(node.items), ...collectFieldNames(node.values)];
}
