import { randomUUID } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import type { TopicSpec } from '@smartcourse/contracts';
import type { Codec } from '@smartcourse/platform/kafka';
import { OperatorError } from '../failure.js';
import { describeValue } from './dead-letter.js';
import { partitionBounds, readRanges } from './read-records.js';
import { readRedriveHistory, recordRedrive, type RecordedRedrive } from './redrive-history.js';
import { earlierRedrivesOf, redriveMessage, type EarlierRedrive, type RedriveMessage } from './redrive-plan.js';
import { sendBack } from './send-back.js';
import { describeSelection, rangesOf, type Selection } from './selection.js';

export interface RedriveRequest {
  topic: TopicSpec;
  selection: Selection;
  dryRun: boolean;
  /** Send records an earlier redrive already sent. */
  again: boolean;
  operator: string;
}

export interface RedriveOutcome {
  deadLetterTopic: string;
  dryRun: boolean;
  count: number;
  targetTopics: string[];
  records: Array<Pick<RedriveMessage, 'from' | 'target' | 'attempt' | 'messageId'> & { key: string | null }>;
  /** Earlier redrives of the selected records (a second redrive needs --again). */
  earlier: EarlierRedrive[];
  /** Selected records that still do not decode against their source topic: they will come straight back. */
  undecodable: Array<{ partition: number; offset: number; why: string }>;
  /** The audit record written; absent on a dry run. */
  recorded: RecordedRedrive | null;
}

/**
 * Reads the selected dead letters, plans each one's way back, refuses records already redriven
 * unless asked again, then sends them in order and records who sent what. A dry run stops
 * before sending.
 */
export async function redrive(connection: { kafka: Kafka; admin: Admin; codec: Codec }, request: RedriveRequest): Promise<RedriveOutcome> {
  const { topic, selection } = request;
  const bounds = await partitionBounds(connection.admin, topic.name);
  const records = await readRanges(connection.kafka, rangesOf(topic.name, bounds, selection));
  if (records.length === 0) {
    const held = bounds.map((b) => (b.end > b.start ? `partition ${b.partition}: offsets ${b.start}-${b.end - 1}` : `partition ${b.partition}: empty`));
    throw new OperatorError(`no dead letters selected on ${topic.name} (${held.join('; ')})`);
  }
  const earlier = earlierRedrivesOf(topic.name, records, await readRedriveHistory(connection));
  const messages = records.map((record) => redriveMessage(topic.name, record, earlier));
  await assertTargetPartitionsExist(connection.admin, messages);
  if (earlier.length > 0 && !request.again && !request.dryRun) {
    const listed = earlier.map((e) => `${e.partition}:${e.offset} (by ${e.operator} at ${e.at})`).join(', ');
    throw new OperatorError(`already redriven from ${topic.name}: ${listed}; add --again to send them once more`);
  }
  const undecodable: RedriveOutcome['undecodable'] = [];
  for (const m of messages) {
    const value = await describeValue(connection.codec, m.target.topic, m.value);
    if (!value.decoded) undecodable.push({ ...m.from, why: value.why });
  }
  const targetTopics = [...new Set(messages.map((m) => m.target.topic))].sort();
  const outcome: RedriveOutcome = {
    deadLetterTopic: topic.name,
    dryRun: request.dryRun,
    count: messages.length,
    targetTopics,
    records: messages.map((m) => ({ from: m.from, target: m.target, key: m.key?.toString() ?? null, attempt: m.attempt, messageId: m.messageId })),
    earlier,
    undecodable,
    recorded: null,
  };
  if (request.dryRun) return outcome;

  await sendBack(connection.kafka, messages);
  try {
    outcome.recorded = await recordRedrive(connection, {
      eventId: randomUUID(),
      occurredAt: Date.now(),
      operator: request.operator,
      deadLetterTopic: topic.name,
      selection: describeSelection(selection),
      again: earlier.length > 0,
      targetTopics,
      records: messages.map((m) => ({
        partition: m.from.partition,
        offset: m.from.offset,
        sourceTopic: m.target.topic,
        sourcePartition: m.target.partition,
        sourceOffset: m.target.offset,
        key: m.key?.toString() ?? null,
        messageId: m.messageId,
        attempt: m.attempt,
      })),
    });
  } catch (error) {
    throw new OperatorError(`${messages.length} records were sent back but the redrive was not recorded on dead_letters.redriven: ${(error as Error).message}`);
  }
  return outcome;
}

/** A source partition that no longer exists would make the producer fail halfway; refuse before sending anything. */
async function assertTargetPartitionsExist(admin: Admin, messages: readonly RedriveMessage[]): Promise<void> {
  for (const target of new Set(messages.map((m) => m.target.topic))) {
    const partitions = new Set((await partitionBounds(admin, target)).map((b) => b.partition));
    const missing = messages.filter((m) => m.target.topic === target && !partitions.has(m.target.partition));
    if (missing.length > 0)
      throw new OperatorError(
        `${target} has no partition ${missing[0]!.target.partition} (dead letter ${missing[0]!.from.partition}:${missing[0]!.from.offset})`,
      );
  }
}
