/**
 * The Kafka headers of the platform's records as JSON schemas for the AsyncAPI document: what
 * services/platform/src/kafka/headers.ts, records.ts and dead-letter.ts really send.
 */

export type JsonSchema = Record<string, unknown>;

const text = (description: string, extra: JsonSchema = {}): JsonSchema => ({ type: 'string', description, ...extra });

/** The W3C trace context and the correlation every record carries, tombstones included. */
const correlationHeaders: Record<string, JsonSchema> = {
  correlation_id: text('The request that started this chain of messages; copied to every message it causes.'),
  causation_id: text('ce_id of the message that caused this one; absent on a message started by an HTTP request.'),
  traceparent: text('W3C trace context of the span that wrote the record.', { pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$' }),
  tracestate: text('W3C trace state, when the trace has one.'),
};

export interface CloudEventHeaderFacts {
  /** The `ce_type` of the record: `smartcourse.<topic>`, or `smartcourse.<topic>.<RecordName>` for a command. */
  readonly type: string;
  /** The processes that write it: `ce_source` is `/smartcourse/<process>`. */
  readonly producers: readonly string[];
  /** What `ce_id` is for this record type. */
  readonly id: string;
  /** What `ce_subject` is for this record type. */
  readonly subject: string;
}

/** CloudEvents Kafka protocol binding, binary mode, plus trace context and correlation. */
export function cloudEventHeaders(facts: CloudEventHeaderFacts): JsonSchema {
  return {
    type: 'object',
    description:
      'CloudEvents 1.0 Kafka protocol binding in binary mode (the attributes as ce_* headers, the data as the value), W3C trace context and correlation.',
    required: ['ce_specversion', 'ce_id', 'ce_source', 'ce_type', 'ce_time', 'ce_subject', 'content-type', 'correlation_id'],
    properties: {
      ce_specversion: text('CloudEvents specification version.', { const: '1.0' }),
      ce_id: text(`Unique id of the message: ${facts.id}. Consumers deduplicate on it (with their consumer group).`),
      ce_source: text('The process that wrote the record.', { enum: facts.producers.map((producer) => `/smartcourse/${producer}`) }),
      ce_type: text('The record type.', { const: `smartcourse.${facts.type}` }),
      ce_time: text('When it happened (the record field occurredAt, or issuedAt for a command), ISO 8601.', { format: 'date-time' }),
      ce_subject: text(facts.subject),
      'content-type': text('The value is Avro in the Confluent wire format.', { const: 'application/avro' }),
      ...correlationHeaders,
    },
  };
}

/** A tombstone (erasure on a compacted topic) carries no CloudEvents attributes, only correlation and trace. */
export function tombstoneHeaders(): JsonSchema {
  return {
    type: 'object',
    description: 'Correlation and W3C trace context only: a tombstone is no event.',
    required: ['correlation_id'],
    properties: correlationHeaders,
  };
}

/** The original record's headers, kept as they were, plus why, where from and after how many attempts. */
export function deadLetterHeaders(): JsonSchema {
  return {
    type: 'object',
    description: 'Every header of the original record, as it was (CloudEvents and trace headers when the producer set them), plus the dlq_* error headers.',
    required: [
      'dlq_reason',
      'dlq_error',
      'dlq_error_code',
      'dlq_stack',
      'dlq_source_topic',
      'dlq_source_partition',
      'dlq_source_offset',
      'dlq_consumer_group',
      'dlq_attempts',
      'dlq_failed_at',
    ],
    properties: {
      dlq_reason: text('Why the record was set aside.', { enum: ['undecodable', 'rejected', 'retries_exhausted'] }),
      dlq_error: text('The error message, at most 2000 characters.', { maxLength: 2000 }),
      dlq_error_code: text("The error's code (an AppError code such as COURSE_NOT_FOUND), else its class name."),
      dlq_stack: text('The stack trace, at most 4000 characters.', { maxLength: 4000 }),
      dlq_source_topic: text('The topic the record was read from.'),
      dlq_source_partition: text('Its partition, in decimal.', { pattern: '^[0-9]+$' }),
      dlq_source_offset: text('Its offset, in decimal.', { pattern: '^[0-9]+$' }),
      dlq_consumer_group: text('The consumer group that failed on it.'),
      dlq_attempts: text('How many times the handler ran before giving up, in decimal.', { pattern: '^[0-9]+$' }),
      dlq_failed_at: text('When it was set aside, ISO 8601.', { format: 'date-time' }),
    },
    additionalProperties: { type: 'string' },
  };
}
