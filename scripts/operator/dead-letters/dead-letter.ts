import type { Codec } from '@smartcourse/platform/kafka';
import type { StoredRecord } from './read-records.js';

/** Why and where a record failed: the error headers the consumer added (services/platform/src/kafka/dead-letter.ts). */
export interface FailureHeaders {
  reason: string | null;
  error: string | null;
  code: string | null;
  stack: string | null;
  sourceTopic: string | null;
  sourcePartition: number | null;
  sourceOffset: number | null;
  consumerGroup: string | null;
  attempts: number | null;
  failedAt: string | null;
}

/** The value decoded through the registry against its source topic, else its bytes and why not. */
export type DescribedValue =
  { decoded: true; recordName: string; schemaId: number; value: Record<string, unknown> } | { decoded: false; base64: string | null; why: string };

export interface DescribedDeadLetter {
  partition: number;
  offset: number;
  timestamp: string;
  key: string | null;
  failure: FailureHeaders;
  /** The headers the record had on its source topic (CloudEvents, trace, a previous redrive's). */
  headers: Record<string, string>;
  value: DescribedValue;
}

const FAILURE_PREFIX = 'dlq_';

/** A header value as a number, or null when absent or not a number. */
function numberOf(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

export function failureHeaders(headers: Record<string, string>): FailureHeaders {
  return {
    reason: headers.dlq_reason ?? null,
    error: headers.dlq_error ?? null,
    code: headers.dlq_error_code ?? null,
    stack: headers.dlq_stack ?? null,
    sourceTopic: headers.dlq_source_topic ?? null,
    sourcePartition: numberOf(headers.dlq_source_partition),
    sourceOffset: numberOf(headers.dlq_source_offset),
    consumerGroup: headers.dlq_consumer_group ?? null,
    attempts: numberOf(headers.dlq_attempts),
    failedAt: headers.dlq_failed_at ?? null,
  };
}

/** The record's own headers: everything but the consumer's `dlq_*` error headers. */
export function originalHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith(FAILURE_PREFIX)));
}

/** Decodes as the source topic's consumers would; a failure (unknown schema, bad bytes) is part of the answer. */
export async function describeValue(codec: Codec, sourceTopic: string | null, value: Buffer | null): Promise<DescribedValue> {
  const base64 = value === null ? null : value.toString('base64');
  if (value === null) return { decoded: false, base64, why: 'no value (a tombstone)' };
  if (!sourceTopic) return { decoded: false, base64, why: 'no dlq_source_topic header: nothing to decode it against' };
  try {
    const decoded = await codec.decode(sourceTopic, value);
    return { decoded: true, recordName: decoded.recordName, schemaId: decoded.schemaId, value: decoded.value };
  } catch (error) {
    // A registry that does not answer is the operator's problem to see, not a property of the record.
    if ((error as { retriable?: boolean }).retriable) throw error;
    return { decoded: false, base64, why: (error as Error).message };
  }
}

export async function describeDeadLetter(codec: Codec, record: StoredRecord): Promise<DescribedDeadLetter> {
  const failure = failureHeaders(record.headers);
  return {
    partition: record.partition,
    offset: record.offset,
    timestamp: new Date(record.timestamp).toISOString(),
    key: record.key?.toString() ?? null,
    failure,
    headers: originalHeaders(record.headers),
    value: await describeValue(codec, failure.sourceTopic, record.value),
  };
}
