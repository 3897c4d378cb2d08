import type { Knex } from 'knex';
import type { Subscription } from '../kafka/consumer.js';

/** A table of a replica: the columns naming a row, and those a comparison leaves out (times of writing, not facts). */
export interface ReplicaTable {
  readonly name: string;
  readonly key: readonly string[];
  readonly ignore?: readonly string[];
}

/**
 * A read model a service keeps from topics alone, so it can be rebuilt from them (`sc rebuild`).
 * `subscriptions` fill the tables of the database they are given and do nothing else: no outbox
 * row, no mail, no file, no push. Tables are listed parents first.
 */
export interface Replica {
  readonly name: string;
  readonly description: string;
  readonly tables: readonly ReplicaTable[];
  subscriptions(db: Knex): Subscription[];
}
