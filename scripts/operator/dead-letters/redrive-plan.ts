import { topics } from '@smartcourse/contracts/catalog';
import { OperatorError } from '../failure.js';
import { failureHeaders, originalHeaders } from './dead-letter.js';
import type { StoredRecord } from './read-records.js';

/** A dead letter ready to go back: its original key, value and headers, to where it came from. */
export interface RedriveMessage {
  from: { partition: number; offset: number };
  target: { topic: string; partition: number; offset: number };
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
  /** The redrive_attempt header: 1 the first time a record is redriven, then one more each time. */
  attempt: number;
  /** ce_id: what the consumers' inboxes know the record by (the groups that handled it skip it). */
  messageId: string | null;
}

/** An earlier redrive of one of the selected records, from the audit topic. */
export interface EarlierRedrive {
  partition: number;
  offset: number;
  redriveId: string;
  at: string;
  operator: string;
  attempt: number;
}

const sourceTopics = new Set(topics.filter((t) => t.kind !== 'dead-letter').map((t) => t.name));

/**
 * The record as it is sent back: the source topic and partition it failed on, its original key,
 * value and headers without the `dlq_*` error headers, plus `redrive_attempt` and
 * `redriven_from` (`<dlq topic>:<partition>:<offset>`, replacing a previous redrive's). The
 * attempt counts on from the record's own redrive_attempt (it failed again after a redrive) or
 * from earlier redrives of this very dead letter, whichever is higher.
 */
export function redriveMessage(deadLetterTopic: string, record: StoredRecord, earlier: readonly EarlierRedrive[] = []): RedriveMessage {
  const where = `${deadLetterTopic}:${record.partition}:${record.offset}`;
  const failure = failureHeaders(record.headers);
  if (!failure.sourceTopic || failure.sourcePartition === null || failure.sourceOffset === null) {
    throw new OperatorError(`${where} lacks its dlq_source_topic/partition/offset headers: nowhere to send it back to`);
  }
  if (!sourceTopics.has(failure.sourceTopic))
    throw new OperatorError(`${where} came from ${failure.sourceTopic}, which is not a catalog topic a record can be redriven to`);
  const headers = originalHeaders(record.headers);
  const carried = Number(headers.redrive_attempt ?? '0');
  const sentBefore = earlier.filter((e) => e.partition === record.partition && e.offset === record.offset).map((e) => e.attempt);
  const attempt = Math.max(Number.isInteger(carried) && carried > 0 ? carried : 0, ...sentBefore) + 1;
  return {
    from: { partition: record.partition, offset: record.offset },
    target: { topic: failure.sourceTopic, partition: failure.sourcePartition, offset: failure.sourceOffset },
    key: record.key,
    value: record.value,
    headers: { ...headers, redrive_attempt: String(attempt), redriven_from: where },
    attempt,
    messageId: headers.ce_id ?? null,
  };
}

/** The redrives in `history` of this topic that already sent one of the selected records. */
export function earlierRedrivesOf(
  deadLetterTopic: string,
  records: readonly { partition: number; offset: number }[],
  history: readonly {
    id: string;
    at: string;
    operator: string;
    deadLetterTopic: string;
    records: readonly { partition: number; offset: number; attempt: number }[];
  }[],
): EarlierRedrive[] {
  const selected = new Set(records.map((r) => `${r.partition}:${r.offset}`));
  return history
    .filter((entry) => entry.deadLetterTopic === deadLetterTopic)
    .flatMap((entry) =>
      entry.records
        .filter((r) => selected.has(`${r.partition}:${r.offset}`))
        .map((r) => ({ partition: r.partition, offset: r.offset, redriveId: entry.id, at: entry.at, operator: entry.operator, attempt: r.attempt })),
    );
}
