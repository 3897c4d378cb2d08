import { subjectOf, topics, type RecordSpec, type TopicSpec } from './catalog.js';
import { cloudEventHeaders, deadLetterHeaders, tombstoneHeaders, type CloudEventHeaderFacts, type JsonSchema } from './asyncapi-headers.js';
import { subjectSpec, type AvroSchema } from './schemas.js';
import { processSpec } from './topology.js';

/**
 * The AsyncAPI 3.0 document of the event streams, built from the catalog, the newest Avro schema
 * of each subject and the topology: one channel per topic, one operation per producer and per
 * consumer. Served by the gateway at `GET /api/asyncapi.json` and written by scripts/asyncapi.ts.
 */

export const AVRO_SCHEMA_FORMAT = 'application/vnd.apache.avro+json;version=1.9.0';
const KAFKA_BINDING_VERSION = '0.5.0';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface AsyncApiOptions {
  /** Replicas of every topic: a deployment setting (KAFKA_REPLICATION_FACTOR), not the catalog's. Default 1, as provisioning's. */
  readonly replicationFactor?: number;
}

export interface Reference {
  readonly $ref: string;
}

export interface AsyncApiMessage {
  readonly name: string;
  readonly title: string;
  readonly summary: string;
  readonly contentType: string;
  readonly headers: JsonSchema;
  readonly payload: { readonly schemaFormat: string; readonly schema: AvroSchema } | JsonSchema;
  readonly correlationId?: Reference;
  readonly bindings: { readonly kafka: JsonSchema };
  readonly [extension: `x-${string}`]: unknown;
}

export interface AsyncApiChannel {
  readonly address: string;
  readonly title: string;
  readonly description: string;
  readonly messages: Record<string, Reference>;
  readonly bindings: { readonly kafka: JsonSchema };
  readonly [extension: `x-${string}`]: unknown;
}

export interface AsyncApiOperation {
  readonly action: 'send' | 'receive';
  readonly title: string;
  readonly summary: string;
  readonly channel: Reference;
  readonly messages: readonly Reference[];
  readonly bindings?: { readonly kafka: JsonSchema };
  readonly [extension: `x-${string}`]: unknown;
}

export interface AsyncApiDocument {
  readonly asyncapi: '3.0.0';
  readonly info: { readonly title: string; readonly version: string; readonly description: string };
  readonly defaultContentType: string;
  readonly channels: Record<string, AsyncApiChannel>;
  readonly operations: Record<string, AsyncApiOperation>;
  readonly components: {
    readonly messages: Record<string, AsyncApiMessage>;
    readonly correlationIds: Record<string, { readonly description: string; readonly location: string }>;
  };
}

const ORDERING =
  'Ordered per key: every record of one key goes to the same partition, and a partition is read in order. There is no order across keys or partitions.';
const DELIVERY =
  'At least once: a consumer commits its offset only after its effect is durable, so a record can be delivered again (after a crash, a rebalance, a replay). Every consumer is idempotent by ce_id (its inbox holds consumer group + ce_id), so a redelivery changes nothing.';

export function asyncApiDocument(options: AsyncApiOptions = {}): AsyncApiDocument {
  const replicas = options.replicationFactor ?? 1;
  const messages: Record<string, AsyncApiMessage> = {};
  const channels: Record<string, AsyncApiChannel> = {};
  const operations: Record<string, AsyncApiOperation> = {};

  for (const topic of topics) {
    const topicMessages = messagesOf(topic);
    for (const { id, message } of topicMessages) messages[id] = message;
    channels[topic.name] = channelOf(topic, topicMessages, replicas);
    const channelMessages = topicMessages.map(({ message }) => ({ $ref: `#/channels/${topic.name}/messages/${message.name}` }));
    for (const producer of producersOf(topic)) {
      operations[`${producer}.sends.${topic.name}`] = {
        action: 'send',
        title: `${producer} sends ${topic.name}`,
        summary: sendSummary(topic, producer),
        channel: { $ref: `#/channels/${topic.name}` },
        messages: channelMessages,
        'x-process': producer,
      };
    }
    for (const consumer of topic.consumers) {
      operations[`${consumer}.receives.${topic.name}`] = {
        action: 'receive',
        title: `${consumer} receives ${topic.name}`,
        summary: receiveSummary(topic, consumer),
        channel: { $ref: `#/channels/${topic.name}` },
        messages: channelMessages,
        ...(consumer === 'operators' ? {} : { bindings: { kafka: { groupId: consumerGroup(consumer), bindingVersion: KAFKA_BINDING_VERSION } } }),
        'x-process': consumer,
      };
    }
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'SmartCourse event streams',
      version: '0.1.0',
      description:
        'Every Kafka topic of SmartCourse, generated from the topic catalog (contracts/src/catalog.ts). Values are Avro in the Confluent wire format (magic byte 0, 4-byte schema id, Avro binary); the payloads below are the newest version of each registry subject, every subject FULL_TRANSITIVE compatible. Headers follow the CloudEvents Kafka binding in binary mode.',
    },
    defaultContentType: 'application/avro',
    channels,
    operations,
    components: {
      messages,
      correlationIds: {
        correlation: { description: 'The request that started the chain of messages.', location: '$message.header#/correlation_id' },
      },
    },
  };
}

interface TopicMessage {
  /** Key under components.messages. */
  readonly id: string;
  readonly message: AsyncApiMessage;
}

function messagesOf(topic: TopicSpec): TopicMessage[] {
  if (topic.kind === 'dead-letter') return [{ id: `${topic.name}.DeadLetter`, message: deadLetterMessage(topic) }];
  const records = topic.records.map((record) => ({ id: record.fullName, message: recordMessage(topic, record) }));
  // Erasure writes a tombstone for the user's key to each compacted topic.
  if (topic.cleanupPolicy === 'compact') records.push({ id: `${topic.name}.Tombstone`, message: tombstoneMessage(topic) });
  return records;
}

function recordMessage(topic: TopicSpec, record: RecordSpec): AsyncApiMessage {
  const subject = subjectOf(topic, record);
  const { versions } = subjectSpec(subject);
  const schema = versions[versions.length - 1];
  if (!schema) throw new Error(`subject ${subject} has no schema versions`);
  const name = record.fullName.split('.').pop() ?? record.fullName;
  return {
    name,
    title: record.fullName,
    summary: typeof schema.doc === 'string' ? schema.doc : topic.description,
    contentType: 'application/avro',
    headers: cloudEventHeaders(headerFacts(topic, name)),
    payload: { schemaFormat: AVRO_SCHEMA_FORMAT, schema },
    correlationId: { $ref: '#/components/correlationIds/correlation' },
    bindings: {
      kafka: {
        key: { type: 'string', description: topic.key },
        schemaIdLocation: 'payload',
        schemaIdPayloadEncoding: 'confluent',
        schemaLookupStrategy: topic.kind === 'command' ? 'TopicRecordNameStrategy' : 'TopicNameStrategy',
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
    'x-registry-subject': subject,
    'x-schema-version': versions.length,
  };
}

function headerFacts(topic: TopicSpec, recordName: string): CloudEventHeaderFacts {
  const producers = producersOf(topic);
  if (topic.kind === 'command') return { type: `${topic.name}.${recordName}`, producers, id: 'the commandId', subject: `The target aggregate: ${topic.key}.` };
  if (topic.kind === 'result') return { type: topic.name, producers, id: '`result-` and the commandId', subject: 'The aggregate the command targeted.' };
  return { type: topic.name, producers, id: 'the eventId', subject: `The aggregate: ${topic.key}.` };
}

function tombstoneMessage(topic: TopicSpec): AsyncApiMessage {
  return {
    name: 'Tombstone',
    title: `${topic.name} tombstone`,
    summary: "A null value for a user's key: the user was erased, and compaction drops every earlier record of the key.",
    contentType: 'application/avro',
    headers: tombstoneHeaders(),
    payload: { type: 'null' },
    correlationId: { $ref: '#/components/correlationIds/correlation' },
    bindings: { kafka: { key: { type: 'string', description: topic.key }, bindingVersion: KAFKA_BINDING_VERSION } },
  };
}

function deadLetterMessage(topic: TopicSpec): AsyncApiMessage {
  return {
    name: 'DeadLetter',
    title: `${topic.name} dead letter`,
    summary: `A record the ${topic.owner} consumer group could not process, kept byte for byte with the reason.`,
    contentType: 'application/octet-stream',
    headers: deadLetterHeaders(),
    payload: {
      type: ['string', 'null'],
      format: 'binary',
      description: 'The original value as read, byte for byte (Confluent wire format when it was decodable), or null for a tombstone.',
    },
    bindings: { kafka: { key: { type: 'string', description: 'The original key, byte for byte.' }, bindingVersion: KAFKA_BINDING_VERSION } },
  };
}

function channelOf(topic: TopicSpec, topicMessages: readonly TopicMessage[], replicas: number): AsyncApiChannel {
  const guarantees =
    topic.kind === 'dead-letter' ? 'Written once per failed record, in the order of failure; read by operators (scripts/sc dlq).' : `${ORDERING} ${DELIVERY}`;
  return {
    address: topic.name,
    title: topic.name,
    description: `${topic.description}\n\nKey: ${topic.key}. ${retentionText(topic)}\n\n${guarantees}`,
    messages: Object.fromEntries(topicMessages.map(({ id, message }) => [message.name, { $ref: `#/components/messages/${id}` }])),
    bindings: {
      kafka: {
        partitions: topic.partitions,
        replicas,
        topicConfiguration: { 'cleanup.policy': [topic.cleanupPolicy], 'retention.ms': topic.retentionMs ?? -1 },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
    'x-kind': topic.kind,
    'x-owner': topic.owner,
    'x-personal-data': topic.personalData,
    'x-delivery': topic.kind === 'dead-letter' ? 'at-least-once' : { guarantee: 'at-least-once', ordering: 'per-key', idempotentBy: 'ce_id' },
  };
}

function retentionText(topic: TopicSpec): string {
  if (topic.cleanupPolicy === 'compact') return 'Compacted: the latest record of each key is kept forever; a tombstone erases the key.';
  if (topic.retentionMs === null) return 'Kept forever.';
  const days = topic.retentionMs / DAY;
  return Number.isInteger(days) ? `Kept ${days} ${days === 1 ? 'day' : 'days'}.` : `Kept ${topic.retentionMs / HOUR} hours.`;
}

/**
 * Who writes a topic: its owner, except for command results, which every service that handles
 * commands writes (the catalog names one owner per topic).
 */
function producersOf(topic: TopicSpec): string[] {
  if (topic.kind !== 'result') return [topic.owner];
  return [...new Set(topics.filter((t) => t.kind === 'command').flatMap((t) => t.consumers))];
}

function sendSummary(topic: TopicSpec, producer: string): string {
  if (topic.kind === 'command') return `${producer} sends the commands of authenticated requests.`;
  if (topic.kind === 'dead-letter') return `${producer} sets aside what it can never process.`;
  return `${producer} publishes through its transactional outbox, in commit order per key.`;
}

function receiveSummary(topic: TopicSpec, consumer: string): string {
  if (consumer === 'operators') return 'Operators read, redrive and purge dead letters with scripts/sc dlq.';
  if (processSpec(consumer).role === 'gateway') return `The gateway reads ${topic.name} with one consumer group per instance.`;
  return `${consumer} consumes ${topic.name} as consumer group ${consumer}.`;
}

/** A service's consumer group is its name; each gateway instance has groups of its own (`gateway-<purpose>-<uuid>`). */
function consumerGroup(consumer: string): JsonSchema {
  if (processSpec(consumer).role === 'gateway') return { type: 'string', pattern: '^gateway-[a-z]+-[0-9a-f-]{36}$' };
  return { type: 'string', const: consumer };
}
