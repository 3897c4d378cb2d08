import type { ReplicaListener } from '../events/listener.js';

/** A table of a replica: the columns naming a row, and those a comparison leaves out (times of writing, not facts). */
export interface ReplicaTable {
  readonly name: string;
  readonly key: readonly string[];
  readonly ignore?: readonly string[];
}

/**
 * A read model a service keeps from topics alone, declared once: the live service runs its
 * listeners through its event pipeline, and `sc rebuild` through `replicaSubscriptions` into a
 * shadow schema. The listeners fill the replica's tables and do nothing else: no outbox row, no
 * mail, no file, no push. Tables are listed parents first.
 */
export interface Replica {
  readonly name: string;
  readonly description: string;
  readonly tables: readonly ReplicaTable[];
  readonly listeners: readonly ReplicaListener[];
}
