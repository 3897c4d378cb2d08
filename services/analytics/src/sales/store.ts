import type { Knex } from '@smartcourse/platform';

type Db = Knex | Knex.Transaction;

export interface Sale {
  courseId: string;
  instructorId: string;
  amountCents: number;
  currency: string;
}

export async function keepPaid(db: Db, order: Sale & { orderId: string; studentId: string; paidAt: Date }): Promise<void> {
  await db.raw(
    `insert into orders (order_id, course_id, instructor_id, student_id, amount_cents, currency, paid_at) values (?, ?, ?, ?, ?, ?, ?)
     on conflict (order_id) do nothing`,
    [order.orderId, order.courseId, order.instructorId, order.studentId, order.amountCents, order.currency.toUpperCase(), order.paidAt],
  );
}

export async function keepRefund(db: Db, refund: Sale & { refundId: string; orderId: string; refundedAt: Date }): Promise<void> {
  await db.raw(
    `insert into refunds (refund_id, order_id, course_id, instructor_id, amount_cents, currency, refunded_at) values (?, ?, ?, ?, ?, ?, ?)
     on conflict (refund_id) do nothing`,
    [refund.refundId, refund.orderId, refund.courseId, refund.instructorId, refund.amountCents, refund.currency.toUpperCase(), refund.refundedAt],
  );
}
