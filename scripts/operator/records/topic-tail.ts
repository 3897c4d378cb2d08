import { randomUUID } from 'node:crypto';
import type { Admin, EachBatchPayload, Kafka } from 'kafkajs';
import { topics as catalogTopics } from '@smartcourse/contracts/catalog';
import { asError } from '@smartcourse/platform/faults';
import type { Codec } from '@smartcourse/platform/kafka';
import type { Logger } from '@smartcourse/platform/logger';
import { OperatorError } from '../failure.js';
import { listBrokerTopics, type PartitionOffsets } from '../topics/broker-topics.js';
import { describeRecord, type DescribedRecord } from './decoded-record.js';
import { startPositions, type TailStart } from './tail-start.js';

export interface TailOptions {
  kafka: Kafka;
  admin: Admin;
  codec: Codec;
  logger: Logger;
  topic: string;
  start: TailStart;
  /** Only records with this key are shown. */
  key?: string;
  /** Stop once this many records were shown. */
  max?: number;
  /** Stop once every partition is read to its end offset at the start. */
  exitAtEnd: boolean;
  /** Stops the tail (Ctrl-C). */
  signal: AbortSignal;
  show(record: DescribedRecord): void;
}

export interface TailSummary {
  shown: number;
  stoppedBy: 'end' | 'max' | 'signal';
}

/**
 * Reads a topic from the start asked for with a throwaway consumer group (`sc-tail-<uuid>`,
 * nothing committed, deleted at the end) and hands each record, decoded, to `show`, in order
 * within each partition, until the end offsets taken at the start (`exitAtEnd`), `max` records,
 * or the signal.
 */
export async function tailTopic(options: TailOptions): Promise<TailSummary> {
  const { admin, topic } = options;
  await assertTopicExists(admin, topic);
  const offsets = (await admin.fetchTopicOffsets(topic))
    .map((o) => ({ partition: o.partition, earliest: Number(o.low), end: Number(o.high) }))
    .sort((a, b) => a.partition - b.partition);
  const byTime = options.start.from === 'time' ? await offsetsAtTime(admin, topic, options.start.at) : undefined;
  const positions = startPositions(topic, options.start, offsets, byTime);
  const ends = new Map(offsets.map((o) => [o.partition, o.end]));
  const pending = new Set([...positions].filter(([partition, position]) => position < (ends.get(partition) ?? 0)).map(([partition]) => partition));
  if ((options.exitAtEnd && pending.size === 0) || options.max === 0 || options.signal.aborted) {
    return { shown: 0, stoppedBy: options.signal.aborted ? 'signal' : options.max === 0 ? 'max' : 'end' };
  }

  const groupId = `sc-tail-${randomUUID()}`;
  try {
    return await consume(options, { groupId, offsets, positions, ends, pending });
  } finally {
    await deleteGroup(admin, groupId, options.logger);
  }
}

async function assertTopicExists(admin: Admin, topic: string): Promise<void> {
  if ((await listBrokerTopics(admin)).includes(topic)) return;
  const inCatalog = catalogTopics.some((spec) => spec.name === topic);
  throw new OperatorError(
    `topic ${topic} does not exist on the broker${inCatalog ? ' (the catalog has it: provision with `npx tsx scripts/provision.ts`)' : ''}; \`sc topics\` lists the topics`,
  );
}

/** Per partition, the first offset whose timestamp is at or after `at`. */
async function offsetsAtTime(admin: Admin, topic: string, at: Date): Promise<Map<number, number>> {
  return new Map((await admin.fetchTopicOffsetsByTimestamp(topic, at.getTime())).map((o) => [o.partition, Number(o.offset)]));
}

interface Reading {
  groupId: string;
  offsets: readonly PartitionOffsets[];
  positions: ReadonlyMap<number, number>;
  ends: ReadonlyMap<number, number>;
  /** Partitions not yet read to their end at the start. */
  pending: Set<number>;
}

type Ending = { stoppedBy: TailSummary['stoppedBy'] } | { failure: Error };

/** The first reason the tail ends; later ones are ignored. */
interface Latch {
  readonly ending: Ending | undefined;
  end(ending: Ending): void;
  readonly ended: Promise<Ending>;
}

function latch(): Latch {
  let ending: Ending | undefined;
  let settle!: (ending: Ending) => void;
  const ended = new Promise<Ending>((resolve) => {
    settle = resolve;
  });
  return {
    get ending() {
      return ending;
    },
    end(next) {
      if (ending) return;
      ending = next;
      settle(next);
    },
    ended,
  };
}

/** Shows a batch's records (those of the key), up to the end at the start or `max`. */
function batchReader(options: TailOptions, reading: Reading, stop: Latch, counter: { shown: number }) {
  return async ({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload) => {
    const end = reading.ends.get(batch.partition) ?? 0;
    for (const message of batch.messages) {
      if (stop.ending || !isRunning() || isStale()) return;
      if (options.exitAtEnd && Number(message.offset) >= end) break;
      if (options.key === undefined || message.key?.toString() === options.key) {
        options.show(await describeRecord(options.codec, options.topic, batch.partition, message));
        counter.shown += 1;
        if (options.max !== undefined && counter.shown >= options.max) return stop.end({ stoppedBy: 'max' });
      }
      // moves the fetch position only: nothing is committed (the group is thrown away)
      resolveOffset(message.offset);
      await heartbeat();
    }
    // lastOffset() also counts records compaction removed and control records the batch hides
    if (options.exitAtEnd && Number(batch.lastOffset()) >= end - 1 && reading.pending.delete(batch.partition) && reading.pending.size === 0) {
      stop.end({ stoppedBy: 'end' });
    }
  };
}

async function consume(options: TailOptions, reading: Reading): Promise<TailSummary> {
  const { topic } = options;
  const counter = { shown: 0 };
  const stop = latch();
  const onAbort = () => stop.end({ stoppedBy: 'signal' });
  options.signal.addEventListener('abort', onAbort, { once: true });

  const consumer = options.kafka.consumer({
    groupId: reading.groupId,
    maxWaitTimeInMs: 200,
    allowAutoTopicCreation: false,
    // a member that restarted would start over where the group has nothing committed
    retry: { retries: 5, restartOnFailure: async () => false },
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => stop.end({ failure: asError(payload.error) }));
  const readBatch = batchReader(options, reading, stop, counter);

  let ending: Ending;
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: false });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => readBatch(payload).catch((error: unknown) => stop.end({ failure: asError(error) })),
    });
    // run() resolves once the group is joined and the partitions assigned: now seeks hold
    for (const [partition, offset] of reading.positions) consumer.seek({ topic, partition, offset: String(offset) });
    const unread = reading.offsets.map((o) => o.partition).filter((partition) => !reading.positions.has(partition));
    if (unread.length > 0) consumer.pause([{ topic, partitions: unread }]);
    ending = await stop.ended;
  } finally {
    options.signal.removeEventListener('abort', onAbort);
    await consumer.disconnect();
  }
  if ('failure' in ending) throw new OperatorError(`tail of ${topic} stopped after ${counter.shown} records: ${ending.failure.message}`);
  return { shown: counter.shown, stoppedBy: ending.stoppedBy };
}

async function deleteGroup(admin: Admin, groupId: string, logger: Logger): Promise<void> {
  try {
    await admin.deleteGroups([groupId]);
  } catch (error) {
    // a group that never formed has nothing to delete; any other failure only leaves an empty group behind
    const groups = (error as { groups?: Array<{ error?: { type?: string } }> }).groups ?? [];
    if (groups.length === 0 || groups.some((group) => group.error?.type !== 'GROUP_ID_NOT_FOUND'))
      logger.warn({ err: asError(error), groupId }, 'tail group not deleted');
  }
}
