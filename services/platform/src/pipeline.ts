import type { Knex } from 'knex';
import type { OutboxRelay } from './outbox/relay.js';

/** Where a service's writes go: its database (with the outbox), and the relay woken after a commit that emitted. */
export interface Writer {
  db: Knex;
  relay: Pick<OutboxRelay, 'wake'>;
}

/**
 * What the kit's message pipelines (commands, events) need of a service: its name (the source of
 * what it emits), the consumer group its inbox entries are kept under, and its writer.
 */
export interface Pipeline extends Writer {
  service: string;
  group: string;
}
