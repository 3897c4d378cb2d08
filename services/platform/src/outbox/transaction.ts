import type { Knex } from 'knex';
import type { OutgoingRecord } from '../kafka/producer.js';
import type { Writer } from '../pipeline.js';
import { appendRecords } from './store.js';

/** One transaction of a write: its `trx`, and `emit` for the records it publishes (through the outbox). */
export interface Unit {
  trx: Knex.Transaction;
  /**
   * Records to publish when this transaction commits: appended to the outbox before the commit,
   * each under its key (the aggregate whose order it keeps). A rolled-back unit publishes nothing.
   */
  emit(...records: OutgoingRecord[]): void;
}

/** Gathers a unit's emitted records, to append them together. */
export function emitted(): { emit: Unit['emit']; records: OutgoingRecord[] } {
  const records: OutgoingRecord[] = [];
  return { records, emit: (...more) => void records.push(...more) };
}

/**
 * The one way to write state and the events it causes: `work` runs in one transaction with an
 * `emit`; what it emitted goes to the outbox in the same transaction (one round trip), and the
 * relay is woken after the commit. Thrown errors roll everything back and propagate.
 */
export async function inTransaction<T>(writer: Writer, work: (unit: Unit) => Promise<T>): Promise<T> {
  const { records, emit } = emitted();
  const result = await writer.db.transaction(async (trx) => {
    const value = await work({ trx, emit });
    await appendRecords(
      trx,
      records.map((record) => ({ aggregateId: record.key, record })),
    );
    return value;
  });
  if (records.length > 0) writer.relay.wake();
  return result;
}
