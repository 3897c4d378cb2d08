import type { TopicRecords } from '@smartcourse/contracts';
import type { Knex } from 'knex';
import type { MessageContext } from '../kafka/headers.js';
import type { Logger } from '../logger.js';
import type { Unit } from '../outbox/transaction.js';

/** What a replica's handler gets: the transaction its rows are written in, and a logger. Nothing to emit. */
export interface ReplicaContext {
  trx: Knex.Transaction;
  log: Logger;
}

/** What an event handler gets: the transaction, `emit` (to the outbox), and the context for what it causes. */
export interface EventContext extends ReplicaContext, Unit {
  /** Correlation, causation (this event) and trace for the records the handler emits. */
  context: MessageContext;
}

/** A topic whose record type is generated: every event topic, and `command.results`. */
export type ListenedTopic = keyof TopicRecords;

/** A handler of one topic's events, the value typed by the topic's generated record type. */
export type EventHandler<T extends ListenedTopic, C = EventContext> = (event: TopicRecords[T], ctx: C) => Promise<void>;

/** A handler bound to its topic: what `on(...)` declares and a pipeline runs. */
export interface Listener<C = EventContext> {
  readonly topic: ListenedTopic;
  /** Runs the handler on a decoded value of the topic. */
  run(value: Record<string, unknown>, ctx: C): Promise<void>;
  /**
   * Runs it on consecutive values of one partition at once (`onBatch`), with the effect of running
   * them one by one in order: a replica's writes in one statement rather than one per event.
   */
  runMany?(values: readonly Record<string, unknown>[], ctx: C): Promise<void>;
}

/** The listeners of a replica: they write its tables and nothing else (no emit, no inbox). */
export type ReplicaListener = Listener<ReplicaContext>;

/**
 * Declares the handler of a topic: `on('enrollment.completed', (event, { trx, emit }) => …)`, the
 * event typed as `EnrollmentCompleted`. A pipeline (events/pipeline.ts) runs it.
 */
export function on<T extends ListenedTopic, C = EventContext>(topic: T, handler: EventHandler<T, C>): Listener<C> {
  return {
    topic,
    // The consumer decoded the value with the topic's registered schema, whose generated type this is.
    run: (value, ctx) => handler(value as unknown as TopicRecords[T], ctx),
  };
}

/** A handler of consecutive events of one partition, in order: the same effect as handling them one by one. */
export type BatchEventHandler<T extends ListenedTopic, C = EventContext> = (events: readonly TopicRecords[T][], ctx: C) => Promise<void>;

/**
 * Declares a handler that takes the consecutive events of a partition at once (a replica's
 * multi-row upsert); alone it gets one event at a time. A pipeline hands it a whole batch where
 * nothing else listens on the topic (no inbox claim to make per event).
 */
export function onBatch<T extends ListenedTopic, C = EventContext>(topic: T, handler: BatchEventHandler<T, C>): Listener<C> {
  // The consumer decoded the values with the topic's registered schema, whose generated type this is.
  const typed = (values: readonly Record<string, unknown>[]) => values as unknown as readonly TopicRecords[T][];
  return {
    topic,
    run: (value, ctx) => handler(typed([value]), ctx),
    runMany: (values, ctx) => handler(typed(values), ctx),
  };
}
