import type { Knex } from '@smartcourse/platform';

type Db = Knex | Knex.Transaction;

export interface RefundRow {
  id: string;
  orderId: string;
  amountCents: number;
  initiatedBy: 'buyer' | 'admin' | 'provider';
  status: 'requested' | 'succeeded';
}

interface Row {
  id: string;
  order_id: string;
  amount_cents: string;
  initiated_by: RefundRow['initiatedBy'];
  status: RefundRow['status'];
}

const refundOf = (row: Row): RefundRow => ({
  id: row.id,
  orderId: row.order_id,
  amountCents: Number(row.amount_cents),
  initiatedBy: row.initiated_by,
  status: row.status,
});

export async function findRefundOfOrder(db: Db, orderId: string): Promise<RefundRow | undefined> {
  const row = (await db('refunds').where({ order_id: orderId }).first()) as Row | undefined;
  return row && refundOf(row);
}

/** A refund asked of the provider and not yet confirmed: written before the call, so a retry reuses its id. */
export async function insertRefund(
  db: Db,
  refund: {
    id: string;
    orderId: string;
    amountCents: number;
    currency: string;
    reason: string;
    initiatedBy: RefundRow['initiatedBy'];
    actorId: string | null;
    at: Date;
  },
): Promise<RefundRow> {
  const [row] = (await db('refunds')
    .insert({
      id: refund.id,
      order_id: refund.orderId,
      amount_cents: refund.amountCents,
      currency: refund.currency,
      reason: refund.reason,
      initiated_by: refund.initiatedBy,
      actor_id: refund.actorId,
      status: 'requested',
      requested_at: refund.at,
    })
    .returning('*')) as Row[];
  return refundOf(row!);
}

export async function completeRefundRow(db: Db, id: string, done: { providerRefundId: string | null; at: Date }): Promise<void> {
  await db('refunds').where({ id }).update({ status: 'succeeded', provider_refund_id: done.providerRefundId, completed_at: done.at });
}

/** The provider refused: the request is forgotten, so that it can be made again. */
export async function forgetRefund(db: Db, id: string): Promise<void> {
  await db('refunds').where({ id, status: 'requested' }).delete();
}
