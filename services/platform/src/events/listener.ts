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
