import type { Subscription } from '../kafka/consumer.js';
import type { Logger } from '../logger.js';
import type { Listener } from './listener.js';

/** What a direct handler gets: a logger. There is no inbox, no transaction and nothing to emit. */
export interface DirectContext {
  log: Logger;
}

/** A handler run straight from the consumer: `on('user.erased', handler)` with a DirectContext. */
export type DirectListener = Listener<DirectContext>;

/**
 * The pipeline of a consumer that keeps no inbox: per topic, every listener in the order
 * declared, one message at a time. For effects that are safe to repeat by themselves (a
 * deny-list entry, waking a waiting request), in a process with no database of its own (the
 * gateway). A failure is the consumer's to retry, wait out or dead-letter, as for every pipeline.
 * `fromBeginning` is where a new group starts: the whole history, or only what comes from now on.
 */
export function directSubscriptions(listeners: readonly DirectListener[], options: { fromBeginning: boolean }): Subscription[] {
  const byTopic = new Map<string, DirectListener[]>();
  for (const listener of listeners) byTopic.set(listener.topic, [...(byTopic.get(listener.topic) ?? []), listener]);
  return [...byTopic].map(([topic, own]) => ({
    topic,
    fromBeginning: options.fromBeginning,
    async handle(message, log) {
      for (const listener of own) await listener.run(message.value, { log });
    },
  }));
}
