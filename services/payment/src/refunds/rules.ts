import type { OrderStatus } from '../orders/rules.js';

export interface RefundPolicy {
  windowDays: number;
  maxPercent: number;
}

export type RefundRefusal = 'not-paid' | 'already-refunded' | 'window-passed' | 'progress-too-far';

/**
 * Whether an order may be refunded by this caller: an admin any paid order; its buyer within the
 * window after payment while their progress is under the limit.
 */
export function refundRefusal(
  order: { status: OrderStatus; paidAt: Date | null },
  caller: { isAdmin: boolean; percent: number },
  policy: RefundPolicy,
  now: Date,
): RefundRefusal | null {
  if (order.status === 'refunded') return 'already-refunded';
  if (order.status !== 'paid' || !order.paidAt) return 'not-paid';
  if (caller.isAdmin) return null;
  if (now.getTime() - order.paidAt.getTime() > policy.windowDays * 86_400_000) return 'window-passed';
  if (caller.percent >= policy.maxPercent) return 'progress-too-far';
  return null;
}
