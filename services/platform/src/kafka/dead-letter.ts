import type { KafkaMessage } from 'kafkajs';
import type { Producer } from './producer.js';

export interface DeadLetter {
  group: string;
  topic: string;
  partition: number;
  message: KafkaMessage;
  error: Error;
  reason: 'undecodable' | 'rejected' | 'retries_exhausted';
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
