import { randomUUID } from 'node:crypto';
import type { Admin, EachBatchPayload, Kafka } from 'kafkajs';
import { asError, isTransient } from '../faults.js';
import { isStoreRefusal } from '../store-refusal.js';
import type { Logger } from '../logger.js';
import type { Codec } from './codec.js';
import type { Subscription } from './consumer.js';
import { readHeaders } from './headers.js';
import { incomingMessage, type IncomingMessage } from './incoming.js';

export interface ReplayOptions {
  kafka: Kafka;
  codec: Codec;
  logger: Logger;
  /**
   * The topics to read and the handler of each; a replay reads every record from the start, the
   * consecutive records of a fetch in one `handleBatch` call where the subscription has one.
   */
  subscriptions: readonly Pick<Subscription, 'topic' | 'handle' | 'handleBatch'>[];
  /** The throwaway group: it must hold no offsets (default `replay-<uuid>`), and it is deleted at the end. */
  groupId?: string;
  /** Called as the replay moves: offsets read so far and in all (records compaction removed count as read). */
  onProgress?(read: number, total: number): void;
}

/** What a replay did with the records of one topic. */
export interface ReplayCount {
  handled: number;
  /** Erased keys of a compacted topic: nothing to handle. */
  tombstones: number;
  /** Records that never decode: the live consumer dead-lettered them, so the replay skips them too. */
  undecodable: number;
  /** Records whose value the store refuses (a data exception, a check violation): dead-lettered by the live consumer at once, skipped too. */
  refused: number;
}

/** Per partition, where it starts and the offset it is read up to (its end when the replay started). */
export type EndOffsets = Map<string, { low: number; high: number }>;
const partitionKey = (topic: string, partition: number) => `${topic}/${partition}`;
/** Most records one handler call takes: a rebuild writes them in one transaction. */
const MAX_RUN = 500;

/** How often a record whose store failed transiently (a deadlock) is tried before the replay stops. */
const TRANSIENT_ATTEMPTS = 5;

/** The end offset of every partition that holds records, taken now. */
export async function endOffsets(admin: Admin, topics: readonly string[]): Promise<EndOffsets> {
  const ends: EndOffsets = new Map();
  for (const topic of topics) {
    for (const offsets of await admin.fetchTopicOffsets(topic)) {
      const [low, high] = [Number(offsets.low), Number(offsets.high)];
      if (high > low) ends.set(partitionKey(topic, offsets.partition), { low, high });
    }
  }
  return ends;
}

async function assertFreshGroup(admin: Admin, groupId: string, topics: readonly string[]): Promise<void> {
  const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
  const held = committed.flatMap((entry) => entry.partitions.filter((p) => Number(p.offset) >= 0).map((p) => partitionKey(entry.topic, p.partition)));
  if (held.length > 0) throw new Error(`group ${groupId} holds offsets (${held.join(', ')}); a replay reads from the start with a new group`);
}

/**
 * Reads the subscriptions' topics from the beginning up to their ends at the start, with a
 * throwaway consumer group, and hands each record to its topic's handler, in order within each
 * partition, decoded as the live consumer decodes it. It resolves when every partition has been
 * read to its end, with what it did per topic; a handler error or a transient fault stops it and
 * rejects, naming the record (nothing is retried or skipped behind the caller's back), except the
 * records the live consumer dead-letters without a retry (undecodable, or a value the store
 * refuses), which are skipped and counted. Records
 * produced after the start are left to the live consumer. This is how a replica is rebuilt.
 */
export async function replayToEnd(options: ReplayOptions): Promise<Record<string, ReplayCount>> {
  const topics = options.subscriptions.map((s) => s.topic);
  const handlers = new Map(options.subscriptions.map((s) => [s.topic, s]));
  const counts: Record<string, ReplayCount> = Object.fromEntries(topics.map((topic) => [topic, { handled: 0, tombstones: 0, undecodable: 0, refused: 0 }]));
  const groupId = options.groupId ?? `replay-${randomUUID()}`;
  const log = options.logger.child({ component: 'replay', group: groupId });

  const admin = options.kafka.admin();
  await admin.connect();
  try {
    // Checked before anything else: a group with offsets (a live one named by mistake) is neither read nor deleted.
    await assertFreshGroup(admin, groupId, topics);
    try {
      const ends = await endOffsets(admin, topics);
      log.info({ topics, ends: Object.fromEntries([...ends].map(([key, { high }]) => [key, high])) }, 'replay started');
      if (ends.size > 0) await readToEnds(options, { groupId, ends, counts, handlers, log });
      log.info({ counts }, 'replay finished');
      return counts;
    } finally {
      await deleteGroup(admin, groupId, log);
    }
  } finally {
    await admin.disconnect();
  }
}

async function deleteGroup(admin: Admin, groupId: string, log: Logger): Promise<void> {
  try {
    await admin.deleteGroups([groupId]);
  } catch (error) {
    // A group that never formed has nothing to delete; any other failure only leaves an empty group behind.
    const groups = (error as { groups?: Array<{ error?: { type?: string } }> }).groups ?? [];
    if (groups.length === 0 || groups.some((group) => group.error?.type !== 'GROUP_ID_NOT_FOUND'))
      log.warn({ err: asError(error) }, 'replay group not deleted');
  }
}

interface Reading {
  groupId: string;
  ends: EndOffsets;
  counts: Record<string, ReplayCount>;
  handlers: Map<string, Pick<Subscription, 'handle' | 'handleBatch'>>;
  log: Logger;
}

/** Consumes until every partition of `ends` is read to its end, or the first failure. */
async function readToEnds(options: ReplayOptions, reading: Reading): Promise<void> {
  const { ends, counts, handlers, log } = reading;
  const pending = new Set(ends.keys());
  const total = [...ends.values()].reduce((sum, { low, high }) => sum + high - low, 0);
  const positions = new Map([...ends].map(([key, { low }]) => [key, low]));
  let read = 0;
  const advance = (key: string, next: number) => {
    read += next - (positions.get(key) ?? next);
    positions.set(key, next);
    options.onProgress?.(read, total);
  };
  let failure: Error | undefined;
  let settle!: () => void;
  const settled = new Promise<void>((resolve) => {
    settle = resolve;
  });
  const fail = (error: Error) => {
    failure ??= error;
    settle();
  };

  const consumer = options.kafka.consumer({
    groupId: reading.groupId,
    maxWaitTimeInMs: 100,
    allowAutoTopicCreation: false,
    // A crash ends the replay: a restarted member would read everything again from the start.
    retry: { retries: 5, restartOnFailure: async () => false },
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => fail(asError(payload.error)));

  type Fetched = EachBatchPayload['batch']['messages'][number];

  /** The record ready to handle, or undefined (a tombstone, or a record the live consumer dead-lettered), counted. */
  async function decodeRecord(topic: string, partition: number, message: Fetched): Promise<IncomingMessage | undefined> {
    const count = counts[topic] as ReplayCount;
    if (message.value === null) {
      count.tombstones += 1;
      return undefined;
    }
    try {
      return incomingMessage(topic, partition, message, readHeaders(message.headers), await options.codec.decode(topic, message.value));
    } catch (thrown) {
      const error = asError(thrown);
      if (isTransient(error)) throw new Error(`replay stopped at ${topic}/${partition}@${message.offset}: ${error.message}`, { cause: thrown });
      count.undecodable += 1;
      log.warn({ err: error, topic, partition, offset: message.offset }, 'undecodable record skipped (the live consumer dead-lettered it)');
      return undefined;
    }
  }

  /**
   * Hands a run of consecutive records to the topic's handler: in one batch call when it has one,
   * else one by one. A run the store refuses is handled again one by one, and a record whose value
   * the store refuses is skipped and counted, as the live consumer dead-letters it at once.
   */
  async function handleRun(topic: string, run: readonly IncomingMessage[]): Promise<void> {
    const subscription = handlers.get(topic) as Pick<Subscription, 'handle' | 'handleBatch'>;
    const count = counts[topic] as ReplayCount;
    const stopped = (first: IncomingMessage, last: IncomingMessage, thrown: unknown) => {
      const error = asError(thrown);
      const where = `${topic}/${first.partition}@${first.offset}${last === first ? '' : `..${last.offset}`}`;
      return new Error(`replay stopped at ${where}: ${error.message}`, { cause: error });
    };
    const first = run[0] as IncomingMessage;
    const last = run[run.length - 1] as IncomingMessage;
    if (subscription.handleBatch && run.length > 1) {
      try {
        await subscription.handleBatch([...run], log.child({ topic, partition: first.partition, offset: first.offset }));
        count.handled += run.length;
        return;
      } catch (thrown) {
        // A refused value is found one by one below; so is a deadlock with another partition's run (two
        // topics keyed alike write the same rows in different orders), which one record at a time cannot meet.
        if (!isStoreRefusal(thrown) && !isTransient(asError(thrown))) throw stopped(first, last, thrown);
      }
    }
    for (const message of run) {
      const messageLog = log.child({ topic, partition: message.partition, offset: message.offset });
      try {
        await handleOne(subscription, message, messageLog);
        count.handled += 1;
      } catch (thrown) {
        if (!isStoreRefusal(thrown)) throw stopped(message, message, thrown);
        count.refused += 1;
        messageLog.warn({ err: asError(thrown) }, 'record the store refuses skipped (the live consumer dead-lettered it)');
      }
    }
  }

  /** One record; a transient failure of the store (a deadlock, a lock timeout) is tried again a few times, as the live consumer would. */
  async function handleOne(subscription: Pick<Subscription, 'handle'>, message: IncomingMessage, messageLog: Logger): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await subscription.handle(message, messageLog);
        return;
      } catch (thrown) {
        if (attempt >= TRANSIENT_ATTEMPTS || !isTransient(asError(thrown))) throw thrown;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  }

  async function eachBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload) {
    const key = partitionKey(batch.topic, batch.partition);
    const end = ends.get(key)?.high;
    if (end === undefined || !pending.has(key)) return;
    // The records of this fetch up to the end, handled in runs of at most MAX_RUN, each run's position moved after it.
    const wanted = batch.messages.filter((message) => Number(message.offset) < end);
    for (let i = 0; i < wanted.length; i += MAX_RUN) {
      if (failure || !isRunning() || isStale()) return;
      const slice = wanted.slice(i, i + MAX_RUN);
      try {
        const run: IncomingMessage[] = [];
        for (const message of slice) {
          const incoming = await decodeRecord(batch.topic, batch.partition, message);
          if (incoming) run.push(incoming);
        }
        if (run.length > 0) await handleRun(batch.topic, run);
      } catch (error) {
        fail(asError(error));
        return;
      }
      const last = slice[slice.length - 1] as Fetched;
      // Moves the fetch position only: nothing is committed (the group is thrown away).
      resolveOffset(last.offset);
      advance(key, Number(last.offset) + 1);
      await heartbeat();
    }
    if (failure || !isRunning() || isStale()) return;
    // lastOffset() also counts records compaction removed and control records the batch hides.
    if (Number(batch.lastOffset()) >= end - 1) {
      advance(key, end);
      pending.delete(key);
      if (pending.size === 0) settle();
    }
  }

  await consumer.connect();
  try {
    for (const topic of new Set([...ends.keys()].map((key) => key.slice(0, key.lastIndexOf('/'))))) {
      await consumer.subscribe({ topic, fromBeginning: true });
    }
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, partitionsConsumedConcurrently: 3, eachBatch });
    await settled;
  } finally {
    await consumer.disconnect();
  }
  if (failure) {
    log.error({ err: failure }, 'replay failed');
    throw failure;
  }
}
