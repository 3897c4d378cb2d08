import { accept, type Decision } from '@smartcourse/platform';
import { isEnded, type Enrollment } from './rules.js';

/**
 * `order.paid` enrolls the buyer: a new enrollment, or an ended one (dropped, refunded) brought
 * back. An enrollment that is active, completed or suspended is left as it is: the payment adds
 * nothing to it (two orders paid for one course are the payment service's to refund). An order
 * already refunded enrolls nobody: its refund was handled first.
 */
export function decidePurchase(enrollment: Enrollment | undefined, order: { refunded: boolean }): Decision<'create' | 'reactivate'> {
  if (order.refunded) return { kind: 'unchanged' };
  if (!enrollment) return accept('create');
  if (isEnded(enrollment)) return accept('reactivate');
  return { kind: 'unchanged' };
}

/**
 * `order.refunded` ends the enrollment that order bought, whatever its status (a dropped or
 * completed one too: the refund is what it ended with). The refund of another order (one that
 * bought nothing, or an earlier purchase the student has bought again since) changes nothing;
 * neither does a second refund.
 */
export function decideRefund(enrollment: Enrollment | undefined, orderId: string): Decision<null> {
  if (!enrollment || enrollment.status === 'refunded' || enrollment.orderId !== orderId) return { kind: 'unchanged' };
  return accept(null);
}
