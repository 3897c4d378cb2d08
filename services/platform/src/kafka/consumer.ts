import type { Consumer as KafkaConsumer, Kafka, KafkaMessage } from 'kafkajs';
import { deadLetterTopic } from '@smartcourse/contracts';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { extractTraceContext, inSpan } from '../tracing.js';
import type { Codec } from './codec.js';
import { sendToDeadLetters, type DeadLetter } from './dead-letter.js';
import { readHeaders } from './headers.js';
import type { Producer } from './producer.js';
import { backoffMs, defaultRetry, sleep, type RetryPolicy } from '../retry.js';

export interface IncomingMessage<T = Record<string, unknown>> {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: T;
  /** Avro full name of the record (tells commands on one topic apart). */
  recordName: string;
  headers: Record<string, string>;
  /** `ce_id`, else the record's eventId/commandId: the key of the inbox. */
  id: string;
}

export type Handler = (message: IncomingMessage, log: Logger) => Promise<void>;

export interface Subscription {
  topic: string;
  handle: Handler;
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
  /** Dead letters go to `<deadLetterGroup>.dlq`; defaults to the group id. */
  deadLetterGroup?: string;
  subscriptions: readonly Subscription[];
  fromBeginning?: boolean;
  retry?: RetryPolicy;
  maxWaitTimeInMs?: number;
  /** Partitions handled in parallel; order within a partition is kept either way. */
  partitionsConsumedConcurrently?: number;
  /** Called when the consumer dies for good; the process should exit and be restarted. */
  onCrash(error: Error): void;
}

/**
 * At-least-once consumer: decode → handle with retries → commit. Undecodable messages,
 * rejected ones and exhausted retries go to the dead-letter topic, so a partition never stalls.
 */
export function createConsumer(options: ConsumerOptions): Consumer {
  const retry = options.retry ?? defaultRetry;
  const handlers = new Map(options.subscriptions.map((s) => [s.topic, s.handle]));
  const dlqTopic = deadLetterTopic(options.deadLetterGroup ?? options.groupId);
  const log = options.logger.child({ component: 'consumer', group: options.groupId });
  const consumer: KafkaConsumer = options.kafka.consumer({
    groupId: options.groupId,
    sessionTimeout: 30_000,
    heartbeatInterval: 3_000,
    maxWaitTimeInMs: options.maxWaitTimeInMs ?? 100,
    allowAutoTopicCreation: false,
  });

  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) options.onCrash(payload.error);
  });
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    options.metrics.consumerLag.set({ topic: payload.topic, partition: String(payload.partition) }, Number(payload.offsetLag));
  });

  async function deadLetter(letter: Omit<DeadLetter, 'group'>, messageLog: Logger) {
    messageLog.error({ err: letter.error, reason: letter.reason, attempts: letter.attempts, dlq: dlqTopic }, 'message dead-lettered');
    await sendToDeadLetters(options.producer, dlqTopic, { ...letter, group: options.groupId });
    options.metrics.deadLettered.inc({ topic: letter.topic, reason: letter.reason });
    options.metrics.consumed.inc({ topic: letter.topic, outcome: 'dead_lettered' });
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

    if (message.value === null) {
      // A tombstone erases a key on a compacted topic; it carries nothing to handle.
      options.metrics.consumed.inc({ topic, outcome: 'tombstone' });
      return;
    }

    let decoded;
    try {
      decoded = await options.codec.decode(topic, message.value);
    } catch (error) {
      if (error instanceof AppError && error.retriable) throw error; // registry down: let kafkajs retry
      await deadLetter({ topic, partition, message, error: error as Error, reason: 'undecodable', attempts: 1 }, messageLog);
      return;
    }

    const value = decoded.value;
    const id = headers.ce_id ?? String(value.eventId ?? value.commandId ?? `${topic}/${partition}/${message.offset}`);
    const incoming: IncomingMessage = {
      topic,
      partition,
      offset: message.offset,
      key: message.key?.toString() ?? null,
      value,
      recordName: decoded.recordName,
      headers,
      id,
    };

    for (let attempt = 1; ; attempt += 1) {
      try {
        await inSpan(`${topic} process`, { kind: 'consumer', parent: extractTraceContext(headers), attributes: { 'messaging.destination.name': topic } }, () =>
          handle(incoming, messageLog),
        );
        options.metrics.consumed.inc({ topic, outcome: 'processed' });
        return;
      } catch (error) {
        const failure = error as Error;
        const rejected = failure instanceof AppError && !failure.retriable;
        if (rejected || attempt >= retry.attempts) {
          await deadLetter({ topic, partition, message, error: failure, reason: rejected ? 'rejected' : 'retries_exhausted', attempts: attempt }, messageLog);
          return;
        }
        const wait = backoffMs(retry, attempt);
        messageLog.warn({ err: failure, attempt, retryInMs: wait }, 'handler failed; retrying');
        await sleep(wait);
        await heartbeat();
      }
    }
  }

  return {
    async start() {
      await consumer.connect();
      for (const subscription of options.subscriptions) {
        await consumer.subscribe({ topic: subscription.topic, fromBeginning: options.fromBeginning ?? true });
      }
      const ready = new Promise<void>((resolve) => {
        const removeJoin = consumer.on(consumer.events.GROUP_JOIN, () => {
          removeJoin();
          const removeFetch = consumer.on(consumer.events.FETCH, () => {
            removeFetch();
            resolve();
          });
        });
      });
      await consumer.run({
        autoCommit: true,
        partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 3,
        eachMessage: ({ topic, partition, message, heartbeat }) => handleMessage(topic, partition, message, heartbeat),
      });
      await ready;
      log.info({ topics: options.subscriptions.map((s) => s.topic) }, 'consumer started');
    },
    stop: () => consumer.disconnect(),
  };
}
