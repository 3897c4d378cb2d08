import type { Knex } from '@smartcourse/platform';
import type { Refund } from './rules.js';

type Db = Knex | Knex.Transaction;

/** Keeps the enrollment's refund; of two refunds of one enrollment (bought twice) the later version wins. */
export async function keepRefund(trx: Knex.Transaction, refund: Refund & { enrollmentId: string; orderId: string; refundedAt: Date }): Promise<void> {
  await trx.raw(
    `insert into enrollment_refunds (enrollment_id, version, order_id, refunded_at) values (?, ?, ?, ?)
     on conflict (enrollment_id) do update set version = excluded.version, order_id = excluded.order_id, refunded_at = excluded.refunded_at
     where enrollment_refunds.version < excluded.version`,
    [refund.enrollmentId, refund.version, refund.orderId, refund.refundedAt],
  );
}

export async function findRefund(db: Db, enrollmentId: string): Promise<Refund | undefined> {
  const row = (await db('enrollment_refunds').select('version').where({ enrollment_id: enrollmentId }).first()) as { version: number } | undefined;
  return row && { version: row.version };
}
