import type { Admin, Kafka } from 'kafkajs';
import { createDb, type Knex } from '../db/postgres.js';
import type { Codec } from '../kafka/codec.js';
import { endOffsets, replayToEnd, type EndOffsets, type ReplayCount } from '../kafka/replay.js';
import type { Logger } from '../logger.js';
import { compareTable, deleteRowsNotRebuilt, insertRowsRebuilt, quoted, type TableComparison } from './comparison.js';
import type { Replica } from './replica.js';
import { replicaSubscriptions } from '../events/pipeline.js';

export interface RebuildOptions {
  kafka: Kafka;
  codec: Codec;
  logger: Logger;
  /** The live database, and its URL for the shadow's own pool. */
  db: Knex;
  databaseUrl: string;
  replica: Replica;
  /** The live consumer group, waited for until it has read what the rebuild read. */
  liveGroup: string;
  /** Apply the rebuilt rows even when they differ from the live ones (repairing a damaged replica). */
  replace?: boolean;
  /** Leave the shadow schema in place for inspection. */
  keepShadow?: boolean;
  /** How long to wait for the live group to catch up with the rebuild's end offsets. */
  catchUpMs?: number;
  /** How many differing keys a table's comparison names (default 20). */
  shownKeys?: number;
  onProgress?(read: number, total: number): void;
}

export type RebuildOutcome =
  /** The rebuilt rows were applied to the live tables (none changed when they agreed). */
  | 'swapped'
  /** The tables differ and `replace` was not asked: nothing applied, the differing keys are in the report. */
  | 'differs'
  /** Records arrived on the topics during the rebuild, or the live group had not read to the same offsets: nothing applied, run it again. */
  | 'moved';

export interface RebuildReport {
  service: string;
  replica: string;
  shadowSchema: string;
  /** Per partition that holds records (`topic/partition`), the end offset the rebuild read up to. */
  endOffsets: Record<string, number>;
  replayed: Record<string, ReplayCount>;
  liveCaughtUp: boolean;
  streamMoved: boolean;
  tables: TableComparison[];
  agree: boolean;
  outcome: RebuildOutcome;
  /** Rows the swap deleted from and inserted into the live tables. */
  changedRows: { deleted: number; inserted: number };
}

/** Whether any partition's end moved since `before` (a partition that was empty and holds records now counts). */
const moved = (before: EndOffsets, after: EndOffsets) => [...after].some(([key, { high }]) => before.get(key)?.high !== high);

/** Waits until the group has committed at least `ends` on every partition that holds records. */
async function caughtUp(admin: Admin, group: string, topics: readonly string[], ends: EndOffsets, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const committed = new Map<string, number>();
    for (const entry of await admin.fetchOffsets({ groupId: group, topics: [...topics] })) {
      for (const partition of entry.partitions) committed.set(`${entry.topic}/${partition.partition}`, Number(partition.offset));
    }
    if ([...ends].every(([key, { high }]) => (committed.get(key) ?? -1) >= high)) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Rebuilds a replica from the start of its topics into a shadow schema beside the live tables
 * (`create table … (like … including all)`), while the service runs: up to the end offsets taken
 * at the start, through the replica's own subscriptions, which write nothing but its tables (the
 * shadow pool sees only the shadow schema, so any other write fails). Then waits until the live
 * group has read as far, compares each table's checksum, and swaps only when every table agrees
 * (or `replace` is asked) and no record arrived meanwhile. The swap applies the rebuilt rows in one
 * transaction holding the live tables locked against the live consumer, so no foreign key, grant or
 * prepared statement on them is disturbed. The shadow is dropped at the end.
 */
export async function rebuildReplica(service: string, options: RebuildOptions): Promise<RebuildReport> {
  const { db, replica } = options;
  const topics = [...new Set(replica.listeners.map((listener) => listener.topic))];
  const live = ((await db.raw('select current_schema() as schema')).rows[0] as { schema: string }).schema;
  const shadow = `rebuild_${replica.name.replace(/\W/g, '_')}_${Date.now().toString(36)}`;
  const schemas = { live, rebuilt: shadow };
  const log = options.logger.child({ component: 'rebuild', replica: replica.name, shadow });

  await db.raw(`create schema ${quoted(shadow)}`);
  const shadowDb = createDb({ url: options.databaseUrl, poolMax: 2, schema: shadow });
  const admin = options.kafka.admin();
  await admin.connect();
  try {
    for (const table of replica.tables) {
      await db.raw(`create table ${quoted(shadow)}.${quoted(table.name)} (like ${quoted(live)}.${quoted(table.name)} including all)`);
    }
    const ends = await endOffsets(admin, topics);
    log.info({ topics, ends }, 'rebuild started');
    const replayed = await replayToEnd({
      kafka: options.kafka,
      codec: options.codec,
      logger: options.logger,
      subscriptions: replicaSubscriptions(shadowDb, [replica]),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    const liveCaughtUp = await caughtUp(admin, options.liveGroup, topics, ends, options.catchUpMs ?? 30_000);
    const tables: TableComparison[] = [];
    for (const table of replica.tables) tables.push(await compareTable(db, schemas, table, options.shownKeys));
    const agree = tables.every((table) => table.equal);
    let streamMoved = moved(ends, await endOffsets(admin, topics));
    const changedRows = { deleted: 0, inserted: 0 };
    let outcome: RebuildOutcome = !liveCaughtUp || streamMoved ? 'moved' : agree || options.replace ? 'swapped' : 'differs';
    if (outcome === 'swapped') {
      await db.transaction(async (trx) => {
        await trx.raw(`lock table ${replica.tables.map((table) => `${quoted(live)}.${quoted(table.name)}`).join(', ')} in share row exclusive mode`);
        // Under the lock the live consumer cannot write; a record that arrived before it was taken is caught here.
        streamMoved = moved(ends, await endOffsets(admin, topics));
        if (streamMoved) {
          outcome = 'moved';
          return;
        }
        for (const table of [...replica.tables].reverse()) changedRows.deleted += await deleteRowsNotRebuilt(trx, schemas, table);
        for (const table of replica.tables) changedRows.inserted += await insertRowsRebuilt(trx, schemas, table);
      });
    }
    log.info({ outcome, agree, liveCaughtUp, streamMoved, changedRows }, 'rebuild finished');
    const readUpTo = Object.fromEntries([...ends].map(([key, { high }]) => [key, high]));
    return {
      service,
      replica: replica.name,
      shadowSchema: shadow,
      endOffsets: readUpTo,
      replayed,
      liveCaughtUp,
      streamMoved,
      tables,
      agree,
      outcome,
      changedRows,
    };
  } finally {
    await admin.disconnect();
    await shadowDb.destroy();
    if (!options.keepShadow) await db.raw(`drop schema ${quoted(shadow)} cascade`);
  }
}
