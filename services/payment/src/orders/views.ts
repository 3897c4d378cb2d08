import type { Order } from '@smartcourse/contracts';
import type { OrderRow } from './store.js';

/** An order as the API shows it; the checkout (a client secret, a page) to its buyer only, while it can still be paid. */
export function orderView(order: OrderRow, viewer: { userId: string }): Order {
  const checkout = order.status === 'pending' && order.checkout && viewer.userId === order.studentId ? order.checkout : undefined;
  return {
    id: order.id,
    studentId: order.studentId,
    courseId: order.courseId,
    courseTitle: order.courseTitle,
    status: order.status,
    listPriceCents: order.listPriceCents,
    discountCents: order.discountCents,
    amountCents: order.amountCents,
    currency: order.currency,
    couponCode: order.couponCode,
    provider: order.provider as Order['provider'],
    placedAt: order.placedAt.toISOString(),
    expiresAt: order.expiresAt.toISOString(),
    paidAt: order.paidAt?.toISOString() ?? null,
    failedAt: order.failedAt?.toISOString() ?? null,
    failureReason: order.failureReason,
    refundedAt: order.refundedAt?.toISOString() ?? null,
    ...(checkout ? { checkout: { provider: order.provider as Order['provider'], ...checkout } } : {}),
  };
}
