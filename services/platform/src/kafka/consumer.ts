import type { EachBatchPayload, Consumer as KafkaConsumer, Kafka, KafkaMessage } from 'kafkajs';
import { deadLetterTopic, topics } from '@smartcourse/contracts/catalog';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { extractTraceContext, inSpan } from '../trace-context.js';
import { asError, isTransient } from '../faults.js';
import { isStoreRefusal } from '../store-refusal.js';
import type { Codec, Decoded } from './codec.js';
import { incomingMessage, type IncomingMessage } from './incoming.js';
import { deadLetteredResult, sendToDeadLetters, type DeadLetter } from './dead-letter.js';
import { readHeaders } from './headers.js';
import type { Producer } from './producer.js';
import { backoffMs, defaultRetry, sleep, type RetryPolicy } from '../retry.js';

export type Handler = (message: IncomingMessage, log: Logger) => Promise<void>;

/** Handles consecutive messages of one partition together (e.g. commands in one transaction). */
export type BatchHandler = (messages: IncomingMessage[], log: Logger) => Promise<void>;

export interface Subscription {
  topic: string;
  handle: Handler;
  /**
   * Where a group with no committed offset starts: true reads the topic's whole history (a
   * replica rebuilt from events), false only what is produced from now on.
   */
  fromBeginning: boolean;
  /**
   * Optional: consecutive decodable messages of one fetch go through this in one call, in order.
   * It must be all or nothing: when it fails for good, each message is handled by `handle`.
   */
  handleBatch?: BatchHandler;
}

export interface Consumer {
  /** Resolves once the consumer has joined its group and fetched, so no record produced after is missed. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ConsumerOptions {
  kafka: Kafka;
  codec: Codec;
  producer: Producer;
  logger: Logger;
  metrics: Metrics;
  groupId: string;
  /** Service name stamped on the failed result of a dead-lettered command. */
  service: string;
  /** Dead letters go to `<deadLetterGroup>.dlq`; defaults to the group id. */
  deadLetterGroup?: string;
  subscriptions: readonly Subscription[];
  /** Attempts for a handler that fails for a reason other than a transient fault (a bug). */
  retry?: RetryPolicy;
  /** Backoff while a dependency is down; there is no limit on attempts. */
  wait?: Omit<RetryPolicy, 'attempts'>;
  maxWaitTimeInMs?: number;
  /** Partitions handled in parallel; order within a partition is kept either way. */
  partitionsConsumedConcurrently?: number;
  /**
   * Positions to start from, instead of the group's committed offsets (e.g. the offsets of a
   * time, for a consumer that replays a window of history at every start).
   */
  startAt?: () => Promise<Array<{ topic: string; partition: number; offset: string }>>;
}

const defaultWait = { initialMs: 250, maxMs: 10_000 };
/** Most messages one `handleBatch` call takes. */
const MAX_BATCH = 100;
/** A waiting partition heartbeats at least this often, so its member stays in the group. */
const HEARTBEAT_EVERY_MS = 3_000;
/**
 * How long the coordinator waits for a silent member before it hands its partitions to the
 * others: after a crash (`kill -9`) those partitions stand still this long, and a restarted
 * member's join waits for it too. 10 s (the Java client's long-standing default) against
 * kafkajs's 30 s: three heartbeats fit in it.
 */
const SESSION_TIMEOUT_MS = 10_000;
/** Between replacements of a consumer kafkajs left stopped. */
const RESTART_BACKOFF = { initialMs: 1_000, maxMs: 30_000, attempts: Infinity };

class ConsumerStopping extends Error {
  constructor() {
    super('consumer stopping; the message stays uncommitted');
    this.name = 'ConsumerStopping';
  }
}

/**
 * At-least-once consumer: decode → handle → commit. A transient fault (a dependency down) makes
 * the message wait, its partition paused, for as long as the fault lasts; undecodable messages,
 * rejections and handler bugs that outlive their attempts go to the dead-letter topic (with a
 * failed result for a command), so a partition never stalls and nothing waits forever. A value
 * the store refuses (a Postgres data exception or check violation) is an invalid record, dead-lettered
 * on its first attempt.
 */
export function createConsumer(options: ConsumerOptions): Consumer {
  const retry = options.retry ?? defaultRetry;
  const wait = options.wait ?? defaultWait;
  const handlers = new Map(options.subscriptions.map((s) => [s.topic, s.handle]));
  const batchHandlers = new Map(options.subscriptions.flatMap((s) => (s.handleBatch ? [[s.topic, s.handleBatch] as const] : [])));
  const dlqTopic = deadLetterTopic(options.deadLetterGroup ?? options.groupId);
  const log = options.logger.child({ component: 'consumer', group: options.groupId });
  let stopping = false;
  let restarts = 0;

  /**
   * kafkajs restarts its consumer after a retriable error, but stays stopped after some others:
   * notably a group coordinator not found while the broker restarts (kafkajs issues #1445, #1630).
   * A stopped consumer is replaced by a new one after a backoff, for as long as it takes, so a
   * broker outage makes the messages wait and never stops the service consuming.
   */
  function newKafkaConsumer(): KafkaConsumer {
    const created = options.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: SESSION_TIMEOUT_MS,
      heartbeatInterval: HEARTBEAT_EVERY_MS,
      maxWaitTimeInMs: options.maxWaitTimeInMs ?? 100,
      allowAutoTopicCreation: false,
    });
    created.on(created.events.CRASH, ({ payload }) => {
      if (!payload.restart && !stopping && created === consumer) scheduleRestart(payload.error);
    });
    created.on(created.events.GROUP_JOIN, () => {
      restarts = 0;
    });
    created.on(created.events.END_BATCH_PROCESS, ({ payload }) => {
      options.metrics.consumerLag.set({ topic: payload.topic, partition: String(payload.partition) }, Number(payload.offsetLag));
    });
    return created;
  }
  let consumer = newKafkaConsumer();

  function scheduleRestart(error: Error) {
    restarts += 1;
    const ms = backoffMs(RESTART_BACKOFF, restarts);
    log.error({ err: error, restartInMs: ms }, 'consumer stopped and kafkajs will not restart it; starting a new one');
    setTimeout(() => void replace(), ms);
  }

  async function replace() {
    if (stopping) return;
    consumer = newKafkaConsumer();
    try {
      await launch();
      log.info('consumer started again');
    } catch (thrown) {
      const failed = consumer;
      await failed.disconnect().catch((error: unknown) => log.warn({ err: error }, 'could not disconnect the consumer that failed to start'));
      if (!stopping) scheduleRestart(asError(thrown));
    }
  }

  /** Connects, subscribes and runs the current consumer; `ready` resolves at its first fetch after joining the group. */
  async function launch(): Promise<{ ready: Promise<void> }> {
    const current = consumer;
    const positions = (await options.startAt?.()) ?? [];
    await current.connect();
    for (const subscription of options.subscriptions) {
      await current.subscribe({ topic: subscription.topic, fromBeginning: subscription.fromBeginning });
    }
    const ready = new Promise<void>((resolve) => {
      const removeJoin = current.on(current.events.GROUP_JOIN, () => {
        removeJoin();
        const removeFetch = current.on(current.events.FETCH, () => {
          removeFetch();
          resolve();
        });
      });
    });
    await current.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 3,
      eachBatch: handleFetched,
    });
    // Applied at the first fetch of each partition, after the group is joined.
    for (const position of positions) current.seek(position);
    return { ready };
  }

  /** Sleeps `ms`, heartbeating, and gives up (leaving the message uncommitted) when the consumer stops. */
  async function pause(ms: number, heartbeat: () => Promise<void>) {
    for (let left = ms; left > 0; left -= HEARTBEAT_EVERY_MS) {
      if (stopping) throw new ConsumerStopping();
      await sleep(Math.min(left, HEARTBEAT_EVERY_MS));
      await heartbeat();
    }
    if (stopping) throw new ConsumerStopping();
  }

  /** Runs `work` until it succeeds, waiting out transient faults; other errors are returned. */
  async function untilNotTransient(
    work: () => Promise<void>,
    where: { topic: string; partition: number },
    heartbeat: () => Promise<void>,
    messageLog: Logger,
  ): Promise<Error | undefined> {
    const labels = { topic: where.topic, partition: String(where.partition) };
    for (let waits = 1; ; waits += 1) {
      try {
        await work();
        return undefined;
      } catch (thrown) {
        const error = asError(thrown);
        if (!isTransient(error)) return error;
        const ms = backoffMs({ ...wait, attempts: Infinity }, waits);
        options.metrics.waits.inc({ topic: where.topic, error: (error as { code?: string }).code ?? error.name });
        options.metrics.waiting.set(labels, 1);
        messageLog.warn({ err: error, waits, retryInMs: ms }, 'dependency unavailable; the partition waits');
        try {
          await pause(ms, heartbeat);
        } finally {
          options.metrics.waiting.set(labels, 0);
        }
      }
    }
  }

  async function deadLetter(letter: Omit<DeadLetter, 'group'>, messageLog: Logger, heartbeat: () => Promise<void>) {
    messageLog.error({ err: letter.error, reason: letter.reason, attempts: letter.attempts, dlq: dlqTopic }, 'message dead-lettered');
    const headers = readHeaders(letter.message.headers);
    const isCommand = topics.some((spec) => spec.name === letter.topic && spec.kind === 'command');
    const failed = isCommand ? deadLetteredResult(headers, letter, options.service) : undefined;
    // Kafka being down here is transient too: the letter waits like any message.
    const error = await untilNotTransient(
      async () => {
        await sendToDeadLetters(options.producer, dlqTopic, { ...letter, group: options.groupId });
        if (failed) await options.producer.send([failed]);
      },
      letter,
      heartbeat,
      messageLog,
    );
    if (error) throw error;
    options.metrics.deadLettered.inc({ topic: letter.topic, reason: letter.reason });
    options.metrics.consumed.inc({ topic: letter.topic, outcome: 'dead_lettered' });
  }

  /** The message ready to handle, or undefined for a tombstone or one that does not decode now. */
  async function tryDecode(topic: string, partition: number, message: KafkaMessage): Promise<IncomingMessage | undefined> {
    if (message.value === null) return undefined;
    try {
      return incomingMessage(topic, partition, message, readHeaders(message.headers), await options.codec.decode(topic, message.value));
    } catch {
      return undefined; // handleMessage decides: wait for the registry, or dead-letter
    }
  }

  /**
   * A fetched batch of one partition: runs of decodable messages go to the topic's batch
   * handler when it has one (one call each, waiting out transient faults); a run that fails
   * for good, and everything else, is handled message by message.
   */
  async function handleFetched(payload: EachBatchPayload) {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    const { topic, partition, messages } = batch;
    const handleBatch = batchHandlers.get(topic);
    const batchLog = log.child({ topic, partition });
    for (let i = 0; i < messages.length;) {
      if (!isRunning() || isStale()) return;
      const run: IncomingMessage[] = [];
      if (handleBatch) {
        for (let j = i; j < messages.length && run.length < MAX_BATCH; j += 1) {
          const incoming = await tryDecode(topic, partition, messages[j] as KafkaMessage);
          if (!incoming) break;
          run.push(incoming);
        }
      }
      if (handleBatch && run.length > 1) {
        const started = Date.now();
        for (const message of messages.slice(i, i + run.length))
          options.metrics.consumeDelay.observe({ topic }, Math.max(0, started - Number(message.timestamp)) / 1000);
        const failure = await untilNotTransient(() => handleBatch(run, batchLog), { topic, partition }, heartbeat, batchLog);
        if (!failure) {
          const seconds = (Date.now() - started) / 1000;
          for (let k = 0; k < run.length; k += 1) options.metrics.handleDuration.observe({ topic }, seconds);
          options.metrics.consumed.inc({ topic, outcome: 'processed' }, run.length);
          resolveOffset((run[run.length - 1] as IncomingMessage).offset);
          i += run.length;
          await heartbeat();
          continue;
        }
        batchLog.warn({ err: failure, messages: run.length }, 'batch failed; handling its messages one by one');
      }
      for (const message of messages.slice(i, i + Math.max(run.length, 1))) {
        await handleMessage(topic, partition, message, heartbeat);
        resolveOffset(message.offset);
        await heartbeat();
      }
      i += Math.max(run.length, 1);
    }
  }

  async function handleMessage(topic: string, partition: number, message: KafkaMessage, heartbeat: () => Promise<void>) {
    const headers = readHeaders(message.headers);
    const messageLog = log.child({
      topic,
      partition,
      offset: message.offset,
      correlationId: headers.correlation_id,
      messageId: headers.ce_id,
    });
    const handle = handlers.get(topic);
    if (!handle) throw new Error(`no handler for topic ${topic}`);
    const letter = { topic, partition, message };

    if (message.value === null) {
      // A tombstone erases a key on a compacted topic; it carries nothing to handle.
      options.metrics.consumed.inc({ topic, outcome: 'tombstone' });
      return;
    }

    let decoded: Decoded | undefined;
    const undecodable = await untilNotTransient(
      async () => {
        decoded = await options.codec.decode(topic, message.value);
      },
      letter,
      heartbeat,
      messageLog,
    );
    if (undecodable || !decoded) {
      await deadLetter({ ...letter, error: undecodable ?? new Error('nothing decoded'), reason: 'undecodable', attempts: 1 }, messageLog, heartbeat);
      return;
    }

    const incoming = incomingMessage(topic, partition, message, headers, decoded);
    const run = () =>
      inSpan(`${topic} process`, { kind: 'consumer', parent: extractTraceContext(headers), attributes: { 'messaging.destination.name': topic } }, () =>
        handle(incoming, messageLog),
      );

    options.metrics.consumeDelay.observe({ topic }, Math.max(0, Date.now() - Number(message.timestamp)) / 1000);
    const endHandle = options.metrics.handleDuration.startTimer({ topic });
    for (let attempt = 1; ; attempt += 1) {
      const failure = await untilNotTransient(run, letter, heartbeat, messageLog);
      if (!failure) {
        endHandle();
        options.metrics.consumed.inc({ topic, outcome: 'processed' });
        return;
      }
      const rejected = failure instanceof AppError && !failure.retriable;
      // A value the store refused is refused again on every attempt: set aside at once.
      const refused = isStoreRefusal(failure);
      if (rejected || refused || attempt >= retry.attempts) {
        const reason = rejected ? 'rejected' : refused ? 'invalid_value' : 'retries_exhausted';
        await deadLetter({ ...letter, error: failure, reason, attempts: attempt }, messageLog, heartbeat);
        return;
      }
      const ms = backoffMs(retry, attempt);
      messageLog.warn({ err: failure, attempt, retryInMs: ms }, 'handler failed; retrying');
      await pause(ms, heartbeat);
    }
  }

  return {
    async start() {
      const { ready } = await launch();
      await ready;
      log.info({ topics: options.subscriptions.map((s) => s.topic) }, 'consumer started');
    },
    async stop() {
      stopping = true;
      await consumer.disconnect();
    },
  };
}
