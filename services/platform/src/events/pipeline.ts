import type { Knex } from 'knex';
import { claimMessage } from '../inbox/store.js';
import type { BatchHandler, Handler, Subscription } from '../kafka/consumer.js';
import { causedBy } from '../kafka/headers.js';
import type { IncomingMessage } from '../kafka/incoming.js';
import type { Logger } from '../logger.js';
import { inTransaction, type Unit } from '../outbox/transaction.js';
import type { Pipeline } from '../pipeline.js';
import type { Replica } from '../replicas/replica.js';
import type { Listener, ReplicaListener } from './listener.js';

/** What a service listens to: its replicas' listeners, and the handlers with effects of their own. */
export interface Listening {
  /** Replicas kept live; on a topic, their listeners run first. */
  replicas?: readonly Replica[];
  /** Handlers that change the service's own state or emit: the inbox makes each event count once. */
  listeners?: readonly Listener[];
}

interface TopicListeners {
  replica: ReplicaListener[];
  event: Listener[];
}

/** The listeners of each topic, in the order declared: replicas' first. */
export function listenersByTopic(listening: Listening): Map<string, TopicListeners> {
  const byTopic = new Map<string, TopicListeners>();
  const of = (topic: string) => {
    let entry = byTopic.get(topic);
    if (!entry) byTopic.set(topic, (entry = { replica: [], event: [] }));
    return entry;
  };
  for (const replica of listening.replicas ?? []) for (const listener of replica.listeners) of(listener.topic).replica.push(listener);
  for (const listener of listening.listeners ?? []) of(listener.topic).event.push(listener);
  return byTopic;
}

/** One event inside a unit its caller commits: claimed in the inbox (when something beyond a replica listens), then every listener in order. */
type EventStep = (unit: Unit, message: IncomingMessage, log: Logger) => Promise<void>;

function eventStep(group: string | undefined, listeners: TopicListeners): EventStep {
  const claims = group !== undefined && listeners.event.length > 0;
  return async (unit, message, log) => {
    if (claims && !(await claimMessage(unit.trx, group, message.id))) {
      log.debug({ messageId: message.id, topic: message.topic }, 'duplicate event: handled before');
      return;
    }
    for (const listener of listeners.replica) await listener.run(message.value, { trx: unit.trx, log });
    const ctx = { ...unit, log, context: causedBy(message.headers, message.id) };
    for (const listener of listeners.event) await listener.run(message.value, ctx);
  };
}

/**
 * Consecutive events of a topic that only replicas' batch listeners (`onBatch`) read, each listener
 * taking them at once; undefined when something else listens (an inbox claim per event, or a
 * listener of one event at a time).
 */
function manyStep(listeners: TopicListeners): ((unit: Unit, messages: IncomingMessage[], log: Logger) => Promise<void>) | undefined {
  if (listeners.event.length > 0 || !listeners.replica.every((listener) => listener.runMany)) return undefined;
  return async (unit, messages, log) => {
    const values = messages.map((message) => message.value);
    for (const listener of listeners.replica) await listener.runMany?.(values, { trx: unit.trx, log });
  };
}

/** A topic's subscription: one event in one unit, or consecutive events of a partition in one unit (all or nothing). */
function subscription(
  topic: string,
  run: <T>(work: (unit: Unit) => Promise<T>) => Promise<T>,
  step: EventStep,
  many?: ReturnType<typeof manyStep>,
): Subscription {
  const handle: Handler = (message, log) => run((unit) => step(unit, message, log));
  const handleBatch: BatchHandler = (messages, log) =>
    run(async (unit) => {
      if (many) return many(unit, messages, log);
      for (const message of messages) await step(unit, message, log);
    });
  // Every event topic is read from the start: a new group rebuilds its replicas and finds, in the inbox, what it did before.
  return { topic, fromBeginning: true, handle, handleBatch };
}

/**
 * The one event pipeline of a service with a Postgres database: per topic, in one transaction,
 * the inbox claim under the service's group, the replicas' listeners, then the other listeners
 * with an `emit` that appends to the outbox; the relay is woken after a commit that emitted.
 * Consecutive events of a partition share one transaction; when it fails for good the consumer
 * handles them one by one, and its retry, wait and dead-letter rules apply as for commands.
 */
export function eventSubscriptions(pipeline: Pipeline, listening: Listening): Subscription[] {
  return [...listenersByTopic(listening)].map(([topic, listeners]) =>
    subscription(topic, (work) => inTransaction(pipeline, work), eventStep(pipeline.group, listeners), manyStep(listeners)),
  );
}

/**
 * A replica's listeners on their own (`sc rebuild` into a shadow schema): the same handlers, in
 * transactions of consecutive events, with no inbox and nothing to emit.
 */
export function replicaSubscriptions(db: Knex, replicas: readonly Replica[]): Subscription[] {
  const refuse = () => {
    throw new Error('a replica listener emitted a record');
  };
  const run = <T>(work: (unit: Unit) => Promise<T>) => db.transaction((trx) => work({ trx, emit: refuse }));
  return [...listenersByTopic({ replicas })].map(([topic, listeners]) => subscription(topic, run, eventStep(undefined, listeners), manyStep(listeners)));
}
