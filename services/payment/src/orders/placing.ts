import { randomUUID } from 'node:crypto';
import type { PlaceOrderRequest } from '@smartcourse/contracts';
import { AppError, conflict, inTransaction, notFound, type Actor, type Knex, type Logger, type MessageContext, type Writer } from '@smartcourse/platform';
import { couponRefusal, discountOf } from '../coupons/rules.js';
import { findCouponForOrder, redemptionsOf } from '../coupons/store.js';
import { findCourse } from '../courses/store.js';
import { findEnrollment } from '../enrollments/store.js';
import type { PaymentProvider } from '../providers/provider.js';
import { providerCall } from '../providers/calls.js';
import { paidEvent, placedEvent } from './events.js';
import { findPendingOrder, hasPaidOrder, insertOrder, keepPayment, setStatus, type OrderRow } from './store.js';

export interface OrderDeps extends Writer {
  provider: PaymentProvider;
  log: Logger;
  orderTtlMinutes: number;
}

/**
 * Places the buyer's order for a paid course and starts its payment at the provider. The order
 * row (and `order.placed`) is committed first, then the provider is asked; a provider that does
 * not answer leaves the order pending, and placing it again asks again (idempotent by order id).
 * An open order for the same course is answered again rather than doubled.
 */
export async function placeOrder(
  deps: OrderDeps,
  actor: Actor,
  request: PlaceOrderRequest,
  context: MessageContext,
): Promise<{ order: OrderRow; created: boolean }> {
  const { order, created } = await inTransaction(deps, async ({ trx, emit }) => {
    // One buyer placing the same course twice at once: the second waits, then finds the first.
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`order:${actor.userId}:${request.courseId}`]);
    const pending = await findPendingOrder(trx, actor.userId, request.courseId);
    if (pending) return { order: pending, created: false };
    const order = await newOrder(trx, actor, request, { provider: deps.provider.name, ttlMinutes: deps.orderTtlMinutes });
    emit(placedEvent(order, context));
    if (order.amountCents > 0) return { order, created: true };
    // A coupon that takes the whole price: nothing to charge, the order is paid as placed.
    const paid = await setStatus(trx, order.id, { status: 'paid', at: order.placedAt });
    emit(paidEvent(paid, context));
    return { order: paid, created: true };
  });
  if (order.status !== 'pending' || order.paymentId) return { order, created };
  const payment = await providerCall(() =>
    deps.provider.createPayment({ orderId: order.id, amountCents: order.amountCents, currency: order.currency, description: order.courseTitle }),
  );
  return { order: await keepPayment(deps.db, order.id, payment), created };
}

async function newOrder(
  trx: Knex.Transaction,
  actor: Actor,
  request: PlaceOrderRequest,
  settings: { provider: string; ttlMinutes: number },
): Promise<OrderRow> {
  const course = await findCourse(trx, request.courseId);
  if (!course) throw notFound('COURSE_NOT_FOUND', 'No such course on sale.');
  if (course.status !== 'published' || course.priceCents === null || !course.currency || !course.title) {
    throw conflict('COURSE_NOT_FOR_SALE', 'The course is not published: it cannot be bought now.');
  }
  if (course.priceCents === 0) throw conflict('COURSE_IS_FREE', 'The course costs nothing: enroll with POST /api/enrollments.');
  const enrollment = await findEnrollment(trx, actor.userId, course.id);
  if ((enrollment && enrollment.status === 'active') || (await hasPaidOrder(trx, actor.userId, course.id))) {
    throw conflict('ALREADY_ENROLLED', 'You are enrolled in this course already.');
  }
  const now = new Date();
  const coupon = request.couponCode ? await findCouponForOrder(trx, request.couponCode) : undefined;
  if (request.couponCode) {
    const refusal = couponRefusal(coupon, { courseId: course.id, currency: course.currency, now }, coupon ? await redemptionsOf(trx, coupon.id) : 0);
    if (refusal) {
      throw new AppError({
        code: 'COUPON_NOT_APPLICABLE',
        message: `The coupon does not apply: ${refusal}.`,
        details: { reason: refusal, couponCode: request.couponCode },
      });
    }
  }
  const discountCents = discountOf(coupon, course.priceCents);
  return insertOrder(trx, {
    id: randomUUID(),
    studentId: actor.userId,
    courseId: course.id,
    instructorId: course.instructorId,
    courseTitle: course.title,
    listPriceCents: course.priceCents,
    discountCents,
    amountCents: course.priceCents - discountCents,
    currency: course.currency,
    couponId: coupon?.id ?? null,
    couponCode: coupon?.code ?? null,
    provider: settings.provider,
    placedAt: now,
    expiresAt: new Date(now.getTime() + settings.ttlMinutes * 60_000),
  });
}
