import type { Admin, Kafka } from 'kafkajs';
import type { DeadLettersRedriven, RedrivenRecord } from '@smartcourse/contracts';
import { createProducer, eventRecord, newContext, type Codec } from '@smartcourse/platform/kafka';
import { OperatorError } from '../failure.js';
import { partitionBounds, readRanges } from './read-records.js';
import { rangesOf } from './selection.js';

/** The catalog topic that keeps every redrive (who, when, what), forever. */
export const REDRIVE_AUDIT_TOPIC = 'dead_letters.redriven';

/** One recorded redrive, as `sc dlq history` shows it. */
export interface RecordedRedrive {
  id: string;
  at: string;
  operator: string;
  deadLetterTopic: string;
  selection: string;
  again: boolean;
  count: number;
  targetTopics: string[];
  records: RedrivenRecord[];
}

function recorded(event: DeadLettersRedriven): RecordedRedrive {
  return {
    id: event.eventId,
    at: new Date(event.occurredAt).toISOString(),
    operator: event.operator,
    deadLetterTopic: event.deadLetterTopic,
    selection: event.selection,
    again: event.again,
    count: event.records.length,
    targetTopics: event.targetTopics,
    records: event.records,
  };
}

/** Every recorded redrive, oldest first (the audit topic has one partition). */
export async function readRedriveHistory(connection: { kafka: Kafka; admin: Admin; codec: Codec }): Promise<RecordedRedrive[]> {
  const bounds = await partitionBounds(connection.admin, REDRIVE_AUDIT_TOPIC);
  const records = await readRanges(connection.kafka, rangesOf(REDRIVE_AUDIT_TOPIC, bounds, {}));
  const history: RecordedRedrive[] = [];
  for (const record of records) {
    try {
      history.push(recorded((await connection.codec.decode(REDRIVE_AUDIT_TOPIC, record.value)).value as unknown as DeadLettersRedriven));
    } catch (error) {
      throw new OperatorError(`${REDRIVE_AUDIT_TOPIC} ${record.partition}:${record.offset} does not decode: ${(error as Error).message}`);
    }
  }
  return history;
}

/** Appends a redrive to the audit topic, keyed by its dead-letter topic; resolves once acknowledged by all replicas. */
export async function recordRedrive(connection: { kafka: Kafka; codec: Codec }, event: DeadLettersRedriven): Promise<RecordedRedrive> {
  const producer = createProducer({ kafka: connection.kafka, codec: connection.codec });
  await producer.connect();
  try {
    await producer.send([eventRecord(REDRIVE_AUDIT_TOPIC, event, { service: 'operators', key: event.deadLetterTopic, context: newContext() })]);
  } finally {
    await producer.stop();
  }
  return recorded(event);
}
