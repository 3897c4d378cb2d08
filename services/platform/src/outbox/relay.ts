import type { Knex } from 'knex';
import type { Producer } from '../kafka/producer.js';
import { backoffMs, sleep } from '../retry.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { countUnpublished, deletePublishedBefore, lockUnpublished, markPublished, toRecord } from './store.js';

export interface OutboxRelay {
  start(): void;
  /** Signals that a transaction just committed outbox rows. */
  wake(): void;
  /** Stops after publishing what is pending (graceful shutdown). */
  stop(): Promise<void>;
}

export interface OutboxRelayOptions {
  db: Knex;
  producer: Producer;
  logger: Logger;
  metrics: Metrics;
  batchSize?: number;
  /** Fallback poll: the relay is woken after each commit, so this only bounds the delay for missed wakes. */
  pollIntervalMs?: number;
  /** Published rows are kept this long for inspection, then deleted. */
  keepPublishedMs?: number;
}

// One relay publishes at a time per database, so records of one aggregate leave in outbox order
// even with several replicas; the others stand by.
const RELAY_LOCK = 0x5c_0b_0c;

/**
 * Publishes outbox rows in id order and marks them published in the same transaction.
 * A crash between send and commit re-sends the batch: delivery is at least once, and
 * consumers deduplicate by event id.
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const batchSize = options.batchSize ?? 200;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const keepPublishedMs = options.keepPublishedMs ?? 24 * 3_600_000;
  const log = options.logger.child({ component: 'outbox-relay' });
  let running = false;
  let loop: Promise<void> | undefined;
  let pendingWake = false;
  let wakeUp: (() => void) | undefined;
  let lastCleanup = 0;

  async function publishBatch(): Promise<number> {
    return options.db.transaction(async (trx) => {
      const { rows } = await trx.raw('select pg_try_advisory_xact_lock(?) as locked', [RELAY_LOCK]);
      if (!rows[0]?.locked) return 0;
      const batch = await lockUnpublished(trx, batchSize);
      if (batch.length === 0) return 0;
      await options.producer.send(batch.map(toRecord));
      await markPublished(
        trx,
        batch.map((row) => row.id),
      );
      for (const row of batch) options.metrics.published.inc({ topic: row.topic });
      return batch.length;
    });
  }

  async function housekeeping() {
    options.metrics.outboxBacklog.set(await countUnpublished(options.db));
    if (Date.now() - lastCleanup > 60_000) {
      lastCleanup = Date.now();
      await deletePublishedBefore(options.db, new Date(Date.now() - keepPublishedMs));
    }
  }

  function waitForWake(ms: number) {
    if (pendingWake) {
      pendingWake = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        pendingWake = false;
        resolve();
      }
      wakeUp = done;
    });
  }

  async function run() {
    let failures = 0;
    while (running) {
      try {
        const published = await publishBatch();
        failures = 0;
        if (published === batchSize) continue;
        await housekeeping();
        if (running) await waitForWake(pollIntervalMs);
      } catch (error) {
        failures += 1;
        const wait = backoffMs({ attempts: Infinity, initialMs: 200, maxMs: 10_000 }, failures);
        log.error({ err: error, failures, retryInMs: wait }, 'outbox publish failed; retrying');
        await sleep(wait);
      }
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
      log.info({ batchSize, pollIntervalMs }, 'outbox relay started');
    },
    wake() {
      if (wakeUp) wakeUp();
      else pendingWake = true;
    },
    async stop() {
      if (!running) return;
      running = false;
      wakeUp?.();
      await loop;
      // One last pass so rows committed before shutdown are not left waiting for the next start.
      try {
        while ((await publishBatch()) === batchSize);
      } catch (error) {
        log.warn({ err: error }, 'final outbox flush failed; rows stay for the next start');
      }
    },
  };
}
