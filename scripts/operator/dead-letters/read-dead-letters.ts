import type { Admin, Kafka } from 'kafkajs';
import type { TopicSpec } from '@smartcourse/contracts';
import type { Codec } from '@smartcourse/platform/kafka';
import { describeDeadLetter, type DescribedDeadLetter } from './dead-letter.js';
import { partitionBounds, readRanges } from './read-records.js';
import { rangesOf, type Selection } from './selection.js';

export interface DeadLetterPage {
  topic: string;
  group: string;
  records: DescribedDeadLetter[];
  /** Selected records left out by --max. */
  notShown: number;
}

/** The selected dead letters, oldest first per partition, at most `max` of them, each described. */
export async function readDeadLetters(
  connection: { kafka: Kafka; admin: Admin; codec: Codec },
  topic: TopicSpec,
  selection: Selection,
  max: number,
): Promise<DeadLetterPage> {
  const ranges = rangesOf(topic.name, await partitionBounds(connection.admin, topic.name), selection);
  const selected = ranges.reduce((sum, r) => sum + Math.max(0, r.to - r.from), 0);
  // No partition needs more than `max` records read; offsets a purge or compaction removed only shorten that.
  const read = await readRanges(
    connection.kafka,
    ranges.map((r) => ({ ...r, to: Math.min(r.to, r.from + max) })),
  );
  const shown = read.slice(0, max);
  const records: DescribedDeadLetter[] = [];
  for (const record of shown) records.push(await describeDeadLetter(connection.codec, record));
  return { topic: topic.name, group: topic.owner, records, notShown: Math.max(0, selected - shown.length) };
}
