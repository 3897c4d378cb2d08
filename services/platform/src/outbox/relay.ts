import type { Knex } from 'knex';
import { asError } from '../faults.js';
import type { Producer } from '../kafka/producer.js';
import { backoffMs, sleep } from '../retry.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import {
  approximateBytes,
  countParked,
  countUnpublished,
  deletePublishedBefore,
  lockUnpublished,
  markPublished,
  park,
  toRecord,
  type OutboxRow,
} from './store.js';

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
  /** A batch stops growing past this many bytes (a broker refuses requests over its limit). */
  maxBatchBytes?: number;
  /** Fallback poll: the relay is woken after each commit, so this only bounds the delay for missed wakes. */
  pollIntervalMs?: number;
  /** Published rows are kept this long for inspection, then deleted. */
  keepPublishedMs?: number;
  /**
   * The longest the relay's transaction (and so the relay lock) may sit idle or run one
   * statement: a hung relay loses the lock to a standby after this.
   */
  lockTimeoutMs?: number;
  /** How often the backlog gauges are refreshed, whether or not Kafka answers. */
  gaugeIntervalMs?: number;
}

// One relay publishes at a time per database, so records of one aggregate leave in outbox order
// even with several replicas; the others stand by. Exported so a drill can find its holder in pg_locks.
export const RELAY_LOCK = 0x5c_0b_0c;

/** Kafka's refusals of one record (kafkajs error types), as opposed to a broker or cluster fault. */
const RECORD_REFUSALS = new Set(['MESSAGE_TOO_LARGE', 'INVALID_RECORD', 'CORRUPT_MESSAGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_TIMESTAMP']);

/**
 * Whether an error is about the row itself, so no retry can publish it: it does not match its
 * schema, its schema is not registered, or the broker refuses the record. Any other failure
 * (the broker, the registry or the producer in trouble) is retried and parks nothing.
 */
function isRowFault(error: Error): boolean {
  const { code, type } = error as { code?: string; type?: string };
  return code === 'INVALID_RECORD' || code === 'SCHEMA_NOT_REGISTERED' || (type !== undefined && RECORD_REFUSALS.has(type));
}

/**
 * Publishes outbox rows in id order and marks them published in the same transaction.
 * A crash between send and commit re-sends the batch: delivery is at least once, and
 * consumers deduplicate by event id. A row that can never be published (it does not encode,
 * the broker refuses it) is parked with its error and the rows after it flow.
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const batchSize = options.batchSize ?? 200;
  const maxBatchBytes = options.maxBatchBytes ?? 512 * 1024;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const keepPublishedMs = options.keepPublishedMs ?? 24 * 3_600_000;
  const lockTimeoutMs = options.lockTimeoutMs ?? 30_000;
  const gaugeIntervalMs = options.gaugeIntervalMs ?? 5_000;
  const log = options.logger.child({ component: 'outbox-relay' });
  let running = false;
  let loop: Promise<void> | undefined;
  let pendingWake = false;
  let wakeUp: (() => void) | undefined;
  let lastCleanup = 0;
  let gauges: NodeJS.Timeout | undefined;
  let signalStopped = () => {};
  const stopped = new Promise<void>((resolve) => {
    signalStopped = resolve;
  });

  function capped(rows: OutboxRow[]): OutboxRow[] {
    let bytes = 0;
    const batch: OutboxRow[] = [];
    for (const row of rows) {
      bytes += approximateBytes(row);
      if (batch.length > 0 && bytes > maxBatchBytes) break;
      batch.push(row);
    }
    return batch;
  }

  /** Sends rows one by one after a batch was refused for a row's sake: parks the bad ones. */
  async function sendOneByOne(trx: Knex.Transaction, rows: OutboxRow[]): Promise<{ sent: OutboxRow[]; parked: OutboxRow[] }> {
    const sent: OutboxRow[] = [];
    const parked: OutboxRow[] = [];
    for (const row of rows) {
      try {
        await options.producer.send([toRecord(row)]);
        sent.push(row);
      } catch (thrown) {
        const error = asError(thrown);
        if (!isRowFault(error)) throw error;
        await park(trx, row.id, `${(error as { code?: string }).code ?? error.name}: ${error.message}`);
        parked.push(row);
        log.error({ err: error, outboxId: row.id, topic: row.topic, aggregateId: row.aggregate_id }, 'outbox row parked: it can never be published');
      }
    }
    return { sent, parked };
  }

  /** Publishes the next batch; true when more rows may be waiting behind it. */
  async function publishBatch(): Promise<boolean> {
    const result = await options.db.transaction(async (trx) => {
      const locked = await lockUnpublished(trx, { relayLock: RELAY_LOCK, timeoutMs: lockTimeoutMs, limit: batchSize });
      if (locked.length === 0) return { more: false, parked: [] };
      const batch = capped(locked);
      let outcome = { sent: batch, parked: [] as OutboxRow[] };
      const endSend = options.metrics.outboxSend.startTimer();
      try {
        await options.producer.send(batch.map(toRecord));
        endSend();
      } catch (thrown) {
        const error = asError(thrown);
        if (!isRowFault(error)) throw error;
        log.warn({ err: error, rows: batch.length }, 'outbox batch refused for a row; sending its rows one by one');
        outcome = await sendOneByOne(trx, batch);
      }
      const { sent } = outcome;
      await markPublished(
        trx,
        sent.map((row) => row.id),
      );
      const now = Date.now();
      for (const row of sent) {
        options.metrics.published.inc({ topic: row.topic });
        options.metrics.outboxWait.observe((now - row.created_at.getTime()) / 1000);
      }
      return { more: locked.length === batchSize || batch.length < locked.length, parked: outcome.parked };
    });
    // Counted once the transaction that parked them has committed.
    for (const row of result.parked) options.metrics.parked.inc({ topic: row.topic });
    return result.more;
  }

  async function refreshGauges() {
    options.metrics.outboxBacklog.set(await countUnpublished(options.db));
    options.metrics.outboxParked.set(await countParked(options.db));
  }

  /** Between drains: old published rows go once a minute (the gauges have their own timer, off the publish path). */
  async function housekeeping() {
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
        const more = await publishBatch();
        failures = 0;
        if (more) continue;
        await housekeeping();
        if (running) await waitForWake(pollIntervalMs);
      } catch (error) {
        failures += 1;
        const wait = backoffMs({ attempts: Infinity, initialMs: 200, maxMs: 10_000 }, failures);
        log.error({ err: error, failures, retryInMs: wait }, 'outbox publish failed; retrying');
        // stop() cuts the backoff short; new commits do not (they would hammer a broker that is down).
        await Promise.race([sleep(wait), stopped]);
      }
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
      // The gauges have their own timer: they must keep moving while Kafka is down and the loop backs off.
      gauges = setInterval(() => {
        refreshGauges().catch((error: unknown) => log.warn({ err: error }, 'outbox gauges not refreshed'));
      }, gaugeIntervalMs);
      gauges.unref();
      log.info({ batchSize, maxBatchBytes, pollIntervalMs }, 'outbox relay started');
    },
    wake() {
      if (wakeUp) wakeUp();
      else pendingWake = true;
    },
    async stop() {
      if (!running) return;
      running = false;
      clearInterval(gauges);
      signalStopped();
      wakeUp?.();
      await loop;
      // One last pass so rows committed before shutdown are not left waiting for the next start.
      try {
        while (await publishBatch());
      } catch (error) {
        log.warn({ err: error }, 'final outbox flush failed; rows stay for the next start');
      }
    },
  };
}
