import type { Knex, MessageContext, OutgoingRecord } from '@smartcourse/platform';
import { refundedEvent } from '../orders/events.js';
import { setStatus, type OrderRow } from '../orders/store.js';
import { completeRefundRow, type RefundRow } from './store.js';

/**
 * Ends a paid order as refunded, once: from the refund route when the provider answered, or from
 * the provider's webhook when that came first. The caller holds the order's row lock.
 */
export async function completeRefund(
  trx: Knex.Transaction,
  order: OrderRow,
  refund: RefundRow,
  done: { providerRefundId: string | null; at: Date; context: MessageContext },
): Promise<{ order: OrderRow; event: OutgoingRecord }> {
  await completeRefundRow(trx, refund.id, done);
  const refunded = await setStatus(trx, order.id, { status: 'refunded', at: done.at });
  return { order: refunded, event: refundedEvent(refunded, refund, done.context) };
}
