import { randomUUID } from 'node:crypto';
import { AppError, inTransaction, type Actor, type MessageContext } from '@smartcourse/platform';
import { findEnrollment } from '../enrollments/store.js';
import type { OrderDeps } from '../orders/placing.js';
import { visibleOrder } from '../orders/visibility.js';
import { findOrder, type OrderRow } from '../orders/store.js';
import { providerCall } from '../providers/calls.js';
import { completeRefund } from './completion.js';
import { refundRefusal, type RefundPolicy } from './rules.js';
import { findRefundOfOrder, forgetRefund, insertRefund, type RefundRow } from './store.js';

/**
 * Refunds an order: the rules first, then the provider, then the order ends (`order.refunded`,
 * which ends the enrollment). The refund row is written before the provider is called, so a retry
 * after a lost answer sends the same refund id (the provider's idempotency key).
 */
export async function refundOrder(
  deps: OrderDeps & { policy: RefundPolicy },
  actor: Actor,
  orderId: string,
  reason: string,
  context: MessageContext,
): Promise<OrderRow> {
  const { order, refund } = await inTransaction(deps, async ({ trx }) => {
    const order = await visibleOrder(trx, actor, orderId, { lock: true });
    const existing = await findRefundOfOrder(trx, order.id);
    if (existing?.status === 'requested') return { order, refund: existing };
    const enrollment = await findEnrollment(trx, order.studentId, order.courseId);
    const refusal = refundRefusal(order, { isAdmin: actor.role === 'admin', percent: enrollment?.percent ?? 0 }, deps.policy, new Date());
    if (refusal) throw new AppError({ code: 'ORDER_NOT_REFUNDABLE', message: `The order cannot be refunded: ${refusal}.`, details: { reason: refusal } });
    const refund = await insertRefund(trx, {
      id: randomUUID(),
      orderId: order.id,
      amountCents: order.amountCents,
      currency: order.currency,
      reason,
      initiatedBy: actor.role === 'admin' ? 'admin' : 'buyer',
      actorId: actor.userId,
      at: new Date(),
    });
    return { order, refund };
  });
  const providerRefundId = await askProvider(deps, order, refund);
  return inTransaction(deps, async ({ trx, emit }) => {
    const current = await findOrder(trx, order.id, { lock: true });
    // The provider's webhook may have completed it already.
    if (!current || current.status !== 'paid') return current ?? order;
    const done = await completeRefund(trx, current, refund, { providerRefundId, at: new Date(), context });
    emit(done.event);
    return done.order;
  });
}

async function askProvider(deps: OrderDeps, order: OrderRow, refund: RefundRow): Promise<string | null> {
  // An order a coupon paid whole has no payment at the provider: nothing to give back there.
  if (!order.paymentId) return null;
  try {
    const created = await providerCall(() => deps.provider.refund({ paymentId: order.paymentId!, refundId: refund.id, amountCents: refund.amountCents }));
    return created.providerRefundId;
  } catch (error) {
    if (error instanceof AppError && error.code === 'PAYMENT_PROVIDER_REFUSED') await forgetRefund(deps.db, refund.id);
    throw error;
  }
}
