import { describe, it, expect, beforeAll } from '@jest/globals';
import { DiagnosticSeverity, Parser, type AsyncAPIDocumentInterface, type Diagnostic } from '@asyncapi/parser';
import { AvroSchemaParser } from '@asyncapi/avro-schema-parser';
import { AVRO_SCHEMA_FORMAT, asyncApiDocument, type AsyncApiMessage } from './asyncapi.js';
import { subjectOf, topics } from './catalog.js';
import { latestSchema } from './schemas.js';
import { processes } from './topology.js';

/** The AsyncAPI document against the AsyncAPI 3.0 schema and rules (with Avro payloads parsed) and against the catalog. */

const document = asyncApiDocument();
let parsed: AsyncAPIDocumentInterface | undefined;
let diagnostics: Diagnostic[] = [];

beforeAll(async () => {
  const parser = new Parser();
  parser.registerSchemaParser(AvroSchemaParser());
  ({ document: parsed, diagnostics } = await parser.parse(JSON.stringify(document)));
}, 60_000);

/** The message a channel's `messages` entry points at under components. */
function componentMessage(ref: string): AsyncApiMessage {
  const id = ref.replace('#/components/messages/', '');
  const message = document.components.messages[id];
  if (!message) throw new Error(`no component message ${id}`);
  return message;
}

describe('the AsyncAPI document', () => {
  it('is valid AsyncAPI 3.0, its Avro payloads included, with no error or warning', () => {
    const problems = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning);
    expect(problems.map((d) => `${d.path.join('/')}: ${d.message}`)).toEqual([]);
    expect(parsed).toBeDefined();
    expect(parsed!.version()).toBe('3.0.0');
  });

  it('has one channel per catalog topic, addressed by the topic name, with its partitions, cleanup and retention', () => {
    expect(
      parsed!
        .channels()
        .all()
        .map((c) => c.address())
        .sort(),
    ).toEqual(topics.map((t) => t.name).sort());
    for (const topic of topics) {
      const channel = document.channels[topic.name]!;
      expect(channel.address).toBe(topic.name);
      expect(channel.bindings.kafka).toMatchObject({
        partitions: topic.partitions,
        replicas: 1,
        topicConfiguration: { 'cleanup.policy': [topic.cleanupPolicy], 'retention.ms': topic.retentionMs ?? -1 },
      });
      expect(channel.description).toContain(`Key: ${topic.key}.`);
      expect(channel['x-owner']).toBe(topic.owner);
      expect(channel['x-personal-data']).toBe(topic.personalData);
    }
  });

  it('states ordering per key and at-least-once delivery with consumers idempotent by ce_id', () => {
    for (const topic of topics.filter((t) => t.kind !== 'dead-letter')) {
      const channel = document.channels[topic.name]!;
      expect(channel['x-delivery']).toEqual({ guarantee: 'at-least-once', ordering: 'per-key', idempotentBy: 'ce_id' });
      expect(channel.description).toMatch(/Ordered per key/);
      expect(channel.description).toMatch(/idempotent by ce_id/);
    }
  });

  it('carries each record type as a message whose Avro payload is the newest schema of its registry subject', () => {
    for (const topic of topics.filter((t) => t.kind !== 'dead-letter')) {
      const refs = Object.values(document.channels[topic.name]!.messages).map((m) => m.$ref);
      const withSchema = refs.map(componentMessage).filter((m) => 'schemaFormat' in m.payload);
      expect(withSchema.map((m) => m['x-registry-subject'])).toEqual(topic.records.map((record) => subjectOf(topic, record)));
      for (const message of withSchema) {
        expect(message.payload).toEqual({ schemaFormat: AVRO_SCHEMA_FORMAT, schema: latestSchema(message['x-registry-subject'] as string) });
        expect(message.bindings.kafka).toMatchObject({ key: { type: 'string', description: topic.key }, schemaIdLocation: 'payload' });
      }
    }
  });

  // @asyncapi/parser 3.6 runs a schema parser's validate only under its AsyncAPI 2 rules: the v3
  // parse converts Avro without checking it, so each payload goes through the Avro parser here.
  it('has only Avro payloads that the Avro schema parser accepts', async () => {
    const avro = AvroSchemaParser();
    const asyncapi = { parsed: document as never, semver: { version: '3.0.0', major: 3, minor: 0, patch: 0 } };
    const problems: string[] = [];
    for (const [id, message] of Object.entries(document.components.messages)) {
      if (!('schemaFormat' in message.payload)) continue;
      const path = ['components', 'messages', id, 'payload', 'schema'];
      const results = await avro.validate({
        asyncapi,
        data: message.payload.schema,
        meta: {},
        path,
        schemaFormat: AVRO_SCHEMA_FORMAT,
        defaultSchemaFormat: AVRO_SCHEMA_FORMAT,
      });
      problems.push(...(results ?? []).map((r) => `${id}: ${r.message}`));
    }
    expect(problems).toEqual([]);
  });

  it('turns the Avro payloads into schemas a reader of the document can use', () => {
    const registered = parsed!
      .allMessages()
      .all()
      .find((m) => m.name() === 'UserRegistered');
    expect(registered?.schemaFormat()).toBe(AVRO_SCHEMA_FORMAT);
    expect(Object.keys(registered!.payload()!.properties() ?? {})).toEqual(expect.arrayContaining(['eventId', 'occurredAt', 'userId', 'email']));
  });

  it('describes the CloudEvents and trace headers, with the record type of each message', () => {
    const created = componentMessage('smartcourse.events.course.CourseCreated');
    expect(created.headers).toMatchObject({
      required: expect.arrayContaining(['ce_specversion', 'ce_id', 'ce_source', 'ce_type', 'ce_time', 'ce_subject', 'content-type', 'correlation_id']),
      properties: {
        ce_type: { const: 'smartcourse.course.created' },
        ce_source: { enum: ['/smartcourse/course'] },
        traceparent: { type: 'string' },
        tracestate: { type: 'string' },
        causation_id: { type: 'string' },
      },
    });
    const command = componentMessage('smartcourse.commands.user.UpdateProfile');
    expect(command.headers).toMatchObject({
      properties: { ce_type: { const: 'smartcourse.user.commands.UpdateProfile' }, ce_source: { enum: ['/smartcourse/gateway'] } },
    });
  });

  it('gives compacted topics a tombstone and dead-letter topics raw bytes with the dlq_* headers', () => {
    for (const topic of topics.filter((t) => t.cleanupPolicy === 'compact')) {
      expect(document.channels[topic.name]!.messages.Tombstone).toEqual({ $ref: `#/components/messages/${topic.name}.Tombstone` });
    }
    for (const topic of topics.filter((t) => t.kind === 'dead-letter')) {
      const letter = componentMessage(document.channels[topic.name]!.messages.DeadLetter!.$ref);
      expect(letter.contentType).toBe('application/octet-stream');
      expect(letter.payload).toMatchObject({ format: 'binary' });
      expect(letter.headers).toMatchObject({ required: expect.arrayContaining(['dlq_reason', 'dlq_source_topic', 'dlq_source_offset', 'dlq_attempts']) });
    }
  });

  it('has a send operation for each producer and a receive operation for each consumer group, on the channel', () => {
    const expected = topics.flatMap((topic) => [
      ...(topic.kind === 'result' ? topics.filter((t) => t.kind === 'command').flatMap((t) => t.consumers) : [topic.owner]).map(
        (p) => `${p}.sends.${topic.name}`,
      ),
      ...topic.consumers.map((c) => `${c}.receives.${topic.name}`),
    ]);
    expect(Object.keys(document.operations).sort()).toEqual([...new Set(expected)].sort());
    for (const operation of parsed!.operations().all()) {
      const id = operation.id() ?? '';
      const [process, verb, ...rest] = id.split('.');
      expect(operation.action()).toBe(verb === 'sends' ? 'send' : 'receive');
      expect(
        operation
          .channels()
          .all()
          .map((c) => c.address()),
      ).toEqual([rest.join('.')]);
      expect(operation.messages().all().length).toBeGreaterThan(0);
      if (verb === 'receives' && process !== 'operators' && process !== 'gateway') {
        expect(document.operations[id]!.bindings?.kafka).toMatchObject({ groupId: { const: process } });
      }
    }
  });

  it('names only processes of the topology (and operators) in its operations', () => {
    const known = new Set([...processes.map((p) => p.name), 'operators']);
    expect(Object.values(document.operations).filter((o) => !known.has(o['x-process'] as string))).toEqual([]);
  });
});
