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

/** Keys of one batch handled at once: enough to overlap the store's round trips, few enough to keep its pool and the cores for the other partitions. */
const KEYS_AT_ONCE = 8;

/**
 * The event pipeline of a service whose state is documents: per topic, every listener in the
 * order declared; consecutive events of a partition in one call, then the `afterwards` effects
 * once. Within a call, the events of one key (one aggregate) run one after the other, in order,
 * and the events of different keys at the same time (up to KEYS_AT_ONCE): each is a few round
 * trips to the store, and their effects are keyed by event, so they do not depend on one another.
 * A failure is the consumer's to retry, wait out or dead-letter, as for every pipeline; the
 * writes done before it are idempotent, so handling the events again is safe.
 */
export function documentSubscriptions(listeners: readonly DocumentListener[]): Subscription[] {
  const byTopic = new Map<string, DocumentListener[]>();
  for (const listener of listeners) byTopic.set(listener.topic, [...(byTopic.get(listener.topic) ?? []), listener]);
  return [...byTopic].map(([topic, own]) => {
    const handleAll = async (messages: readonly IncomingMessage[], log: Logger) => {
      const effects = new Set<() => void>();
      const ctx: DocumentContext = { log, afterwards: (effect) => void effects.add(effect) };
      const runKey = async (keyed: readonly IncomingMessage[]) => {
        for (const message of keyed) for (const listener of own) await listener.run(message.value, ctx);
      };
      const pending = [...byKey(messages).values()];
      // Every lane keeps going after another fails, so none is left running when the batch answers.
      const lanes = Array.from({ length: Math.min(KEYS_AT_ONCE, pending.length) }, async () => {
        for (let keyed = pending.shift(); keyed; keyed = pending.shift()) await runKey(keyed);
      });
      const failed = (await Promise.allSettled(lanes)).find((lane) => lane.status === 'rejected');
      if (failed) throw failed.reason;
      for (const effect of effects) effect();
    };
    const handle: Handler = (message, log) => handleAll([message], log);
    const handleBatch: BatchHandler = (messages, log) => handleAll(messages, log);
    // Read from the start: a new group rebuilds the replicas and finds every effect already recorded.
    return { topic, fromBeginning: true, handle, handleBatch };
  });
}

/** The messages of each key, in their order; messages without a key each on their own. */
function byKey(messages: readonly IncomingMessage[]): Map<string, IncomingMessage[]> {
  const groups = new Map<string, IncomingMessage[]>();
  for (const message of messages) {
    const key = message.key ?? `${message.partition}/${message.offset}`;
    groups.set(key, [...(groups.get(key) ?? []), message]);
  }
  return groups;
}
