import type { KafkaMessage } from 'kafkajs';
import { causedBy } from './headers.js';
import type { OutgoingRecord, Producer } from './producer.js';
import { resultRecord } from './records.js';
import { storeRefusalOf } from '../store-refusal.js';

export interface DeadLetter {
  group: string;
  topic: string;
  partition: number;
  message: KafkaMessage;
  error: Error;
  reason: 'undecodable' | 'rejected' | 'invalid_value' | 'retries_exhausted';
  attempts: number;
}

/**
 * Publishes the original key, value and headers to `<group>.dlq`, plus error headers so an
 * operator can see why, where from and after how many attempts, and replay it.
 */
export async function sendToDeadLetters(producer: Producer, topic: string, letter: DeadLetter): Promise<void> {
  const headers: Record<string, string | Buffer> = {};
  for (const [key, value] of Object.entries(letter.message.headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) headers[key] = first;
  }
  Object.assign(headers, {
    dlq_reason: letter.reason,
    dlq_error: letter.error.message.slice(0, 2000),
    dlq_error_code: (letter.error as { code?: string }).code ?? letter.error.name,
    dlq_stack: (letter.error.stack ?? '').slice(0, 4000),
    dlq_source_topic: letter.topic,
    dlq_source_partition: String(letter.partition),
    dlq_source_offset: letter.message.offset,
    dlq_consumer_group: letter.group,
    dlq_attempts: String(letter.attempts),
    dlq_failed_at: new Date().toISOString(),
  });
  await producer.sendRaw(topic, [{ key: letter.message.key, value: letter.message.value, headers }]);
}

/**
 * The failed result of a dead-lettered command, so the caller waiting on it gets an answer.
 * Built from the CloudEvents headers alone: the value may be undecodable.
 */
export function deadLetteredResult(
  headers: Record<string, string>,
  letter: Pick<DeadLetter, 'topic' | 'message' | 'reason' | 'error'>,
  service: string,
): OutgoingRecord | undefined {
  const commandId = headers.ce_id;
  if (!commandId) return undefined;
  const commandType = headers.ce_type?.split('.').pop() ?? 'unknown';
  const aggregateId = headers.ce_subject ?? letter.message.key?.toString() ?? '';
  return resultRecord(
    {
      commandId,
      commandType,
      aggregateId,
      status: 'failed',
      ...failureOf(letter),
      errorDetails: null,
      occurredAt: Date.now(),
    },
    { service, context: causedBy(headers, commandId) },
  );
}

/**
 * The code and message of a dead-lettered command's result: a value the store refused is the
 * sender's to fix (INVALID_VALUE, 422, naming the SQLSTATE, never the statement); anything else is ours.
 */
function failureOf(letter: Pick<DeadLetter, 'reason' | 'error'>): { errorCode: string; errorMessage: string } {
  if (letter.reason === 'invalid_value') {
    const sqlstate = storeRefusalOf(letter.error) ?? 'unknown';
    return { errorCode: 'INVALID_VALUE', errorMessage: `A value of the command is not one the store accepts (SQLSTATE ${sqlstate}); nothing was applied.` };
  }
  return { errorCode: 'COMMAND_DEAD_LETTERED', errorMessage: `The command could not be processed (${letter.reason}) and was set aside for an operator.` };
}
