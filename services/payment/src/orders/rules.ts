/** An order's life: pending → paid → refunded, or failed / expired (a payment that still comes turns those paid). */
export type OrderStatus = 'pending' | 'paid' | 'refunded' | 'failed' | 'expired';

/**
 * What a confirmed payment does to an order. The provider's word is final: an order that failed
 * (a declined card, tried again) or expired is paid when the money did come.
 */
export function onPaymentSucceeded(status: OrderStatus): 'pay' | 'ignore' {
  return status === 'pending' || status === 'failed' || status === 'expired' ? 'pay' : 'ignore';
}

/** A declined or canceled payment fails a pending order only; it never undoes a payment. */
export function onPaymentFailed(status: OrderStatus): 'fail' | 'ignore' {
  return status === 'pending' ? 'fail' : 'ignore';
}

/** A refund the provider reports ends a paid order; a second report changes nothing. */
export function onPaymentRefunded(status: OrderStatus): 'refund' | 'ignore' {
  return status === 'paid' ? 'refund' : 'ignore';
}

/** An order is its buyer's and admins' to see and refund; for anyone else it does not exist. */
export function visibleTo(order: { studentId: string }, actor: { userId: string; role: string }): boolean {
  return actor.role === 'admin' || order.studentId === actor.userId;
}
