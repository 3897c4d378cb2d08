import type { KafkaMessage } from 'kafkajs';
import { topics as catalogTopics } from '@smartcourse/contracts/catalog';
import { asError, isTransient } from '@smartcourse/platform/faults';
import { readHeaders, type Codec } from '@smartcourse/platform/kafka';
import { failureHeaders, type FailureHeaders } from '../dead-letters/dead-letter.js';

/**
 * One Kafka record as an operator reads it: where it is, its key and headers, and its value
 * decoded through the registry, or why it does not decode. Plain JSON, for `--json` output.
 */
export interface DescribedRecord {
  topic: string;
  partition: number;
  offset: string;
  /** The record's Kafka timestamp, ISO 8601. */
  timestamp: string;
  key: string | null;
  /** Every header as text: CloudEvents `ce_*`, `traceparent`, `correlation_id`, the `dlq_*` error headers, … */
  headers: Record<string, string>;
  /** `tombstone`: a null value (an erased key of a compacted topic). */
  status: 'decoded' | 'tombstone' | 'undecodable';
  /** Avro full name of the writer's record, when decoded. */
  recordName?: string;
  schemaId?: number;
  value?: unknown;
  /** Why the value does not decode. */
  error?: { code: string; message: string };
  /** The value's bytes in base64: always on a dead-letter topic, elsewhere when they do not decode. */
  raw?: string;
  /** On a dead-letter topic: why and where from, out of the `dlq_*` headers (null when a header is missing). */
  deadLetter?: FailureHeaders;
}

/** A dead-letter topic keeps raw bytes: the catalog's kind `dead-letter`, or any `*.dlq` topic. */
export function isDeadLetterTopic(topic: string): boolean {
  return topic.endsWith('.dlq') || catalogTopics.some((spec) => spec.name === topic && spec.kind === 'dead-letter');
}

/**
 * Decodes one record as its consumer would (a dead letter with the codec of its source topic).
 * A record that does not decode is described with the error, never thrown; a registry that
 * does not answer is thrown, for the caller to stop on.
 */
export async function describeRecord(codec: Codec, topic: string, partition: number, message: KafkaMessage): Promise<DescribedRecord> {
  const headers = readHeaders(message.headers);
  const described: DescribedRecord = {
    topic,
    partition,
    offset: message.offset,
    timestamp: new Date(Number(message.timestamp)).toISOString(),
    key: message.key?.toString() ?? null,
    headers,
    status: 'tombstone',
  };
  const deadLetter = isDeadLetterTopic(topic);
  if (deadLetter) described.deadLetter = failureHeaders(headers);
  if (message.value === null) return described;
  if (deadLetter) described.raw = message.value.toString('base64');

  const decodeAs = deadLetter ? headers.dlq_source_topic : topic;
  if (decodeAs === undefined)
    return {
      ...described,
      status: 'undecodable',
      error: { code: 'NO_SOURCE_TOPIC', message: 'the dead letter has no dlq_source_topic header to decode it by' },
    };
  try {
    const decoded = await codec.decode(decodeAs, message.value);
    return { ...described, status: 'decoded', recordName: decoded.recordName, schemaId: decoded.schemaId, value: jsonValue(decoded.value) };
  } catch (thrown) {
    const error = asError(thrown);
    if (isTransient(error)) throw error;
    return {
      ...described,
      status: 'undecodable',
      error: { code: (error as { code?: string }).code ?? error.name, message: error.message },
      raw: message.value.toString('base64'),
    };
  }
}

/** An Avro value as JSON can carry it: `bytes` and `fixed` as base64, longs beyond 2^53 as text. */
function jsonValue(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(jsonValue);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, jsonValue(field)]));
  return value;
}
