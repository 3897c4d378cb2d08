import type { BatchHandler, Handler, Subscription } from '../kafka/consumer.js';
import type { IncomingMessage } from '../kafka/incoming.js';
import type { Logger } from '../logger.js';
import type { Listener } from './listener.js';

/**
 * What a handler that writes documents gets. A document store here has no multi-document
 * transaction (FerretDB), so there is no inbox table: each write carries the event's id in the
 * document's unique key (an upsert that inserts once), which makes the effect and its
 * idempotency record one single-document write, and a redelivery or a replay a no-op.
 */
export interface DocumentContext {
  log: Logger;
  /** Runs `effect` once after the event, or the batch it came in, was handled (waking a dispatcher, say); the same function is run once. */
  afterwards(effect: () => void): void;
}

/** A handler of documents bound to its topic: `on('user.registered', handler)` with a DocumentContext. */
export type DocumentListener = Listener<DocumentContext>;

/**
 * The event pipeline of a service whose state is documents: per topic, every listener in the
 * order declared; consecutive events of a partition in one call, then the `afterwards` effects
 * once. A failure is the consumer's to retry, wait out or dead-letter, as for every pipeline;
 * the writes done before it are idempotent, so handling the event again is safe.
 */
export function documentSubscriptions(listeners: readonly DocumentListener[]): Subscription[] {
  const byTopic = new Map<string, DocumentListener[]>();
  for (const listener of listeners) byTopic.set(listener.topic, [...(byTopic.get(listener.topic) ?? []), listener]);
  return [...byTopic].map(([topic, own]) => {
    const handleAll = async (messages: readonly IncomingMessage[], log: Logger) => {
      const effects = new Set<() => void>();
      const ctx: DocumentContext = { log, afterwards: (effect) => void effects.add(effect) };
      for (const message of messages) for (const listener of own) await listener.run(message.value, ctx);
      for (const effect of effects) effect();
    };
    const handle: Handler = (message, log) => handleAll([message], log);
    const handleBatch: BatchHandler = (messages, log) => handleAll(messages, log);
    // Read from the start: a new group rebuilds the replicas and finds every effect already recorded.
    return { topic, fromBeginning: true, handle, handleBatch };
  });
}
