import { enrollmentIdOf } from '@smartcourse/contracts';
import type { EventHandler, Knex } from '@smartcourse/platform';
import { lockCourseShared, lockEnrollmentKey } from '../locks.js';
import { enrollmentEvent } from './events.js';
import { catchUp } from './progress.js';
import { decidePurchase, decideRefund } from './purchase-rules.js';
import { statusOnReturn, type Enrollment } from './rules.js';
import { findEnrollment, insertEnrollment, isRefundedOrder, keepRefundedOrder, setStatus } from './store.js';

/** The student's enrollment in the course, locked in the order every change takes (course shared, then the enrollment). */
async function lockedEnrollmentOf(
  trx: Knex.Transaction,
  order: { studentId: string; courseId: string },
): Promise<{ id: string; enrollment: Enrollment | undefined }> {
  const id = enrollmentIdOf(order.studentId, order.courseId);
  await lockCourseShared(trx, order.courseId);
  await lockEnrollmentKey(trx, id);
  return { id, enrollment: await findEnrollment(trx, id, { forUpdate: true }) };
}

/**
 * `order.paid` enrolls the buyer, once (the inbox): `enrollment.created` with source `purchase`,
 * or `enrollment.reactivated` for an ended enrollment. The paid order is what allows a paid
 * course here, so neither the price nor the course's presence in the replica is checked: a course
 * the replica has not heard of yet is enrolled in, and its structure counts when it arrives.
 */
export const enrollOnPayment: EventHandler<'order.paid'> = async (event, { trx, emit, context, log }) => {
  const { id, enrollment } = await lockedEnrollmentOf(trx, event);
  const decision = decidePurchase(enrollment, { refunded: await isRefundedOrder(trx, event.orderId) });
  if (decision.kind !== 'accepted') {
    log.info({ orderId: event.orderId, enrollmentId: id, status: enrollment?.status }, 'paid order enrolls nothing new');
    return;
  }
  if (decision.change === 'create' || !enrollment) {
    const created = await insertEnrollment(trx, { id, studentId: event.studentId, courseId: event.courseId, at: new Date(), orderId: event.orderId });
    emit(
      enrollmentEvent(
        'enrollment.created',
        created,
        created.version,
        { enrolledAt: created.enrolledAt.getTime(), source: 'purchase', orderId: event.orderId },
        context,
      ),
      ...(await catchUp(trx, created, context)),
    );
    return;
  }
  const reactivated = await setStatus(trx, enrollment, statusOnReturn(enrollment), { orderId: event.orderId });
  emit(enrollmentEvent('enrollment.reactivated', reactivated, reactivated.version, {}, context), ...(await catchUp(trx, reactivated, context)));
};

/**
 * `order.refunded` ends the enrollment the order bought with status `refunded` and one
 * `enrollment.refunded`. The refunded order is kept either way, so an `order.paid` of the same
 * order handled later enrolls nobody.
 */
export const endOnRefund: EventHandler<'order.refunded'> = async (event, { trx, emit, context, log }) => {
  const { id, enrollment } = await lockedEnrollmentOf(trx, event);
  const refundedAt = new Date(event.refundedAt);
  await keepRefundedOrder(trx, { orderId: event.orderId, studentId: event.studentId, courseId: event.courseId, refundedAt });
  if (decideRefund(enrollment, event.orderId).kind !== 'accepted' || !enrollment) {
    log.info({ orderId: event.orderId, enrollmentId: id, status: enrollment?.status }, 'refunded order ends no enrollment');
    return;
  }
  const refunded = await setStatus(trx, enrollment, 'refunded', { refundedAt });
  emit(enrollmentEvent('enrollment.refunded', refunded, refunded.version, { orderId: event.orderId, refundedAt: event.refundedAt }, context));
  log.info({ orderId: event.orderId, enrollmentId: id }, 'enrollment refunded');
};
