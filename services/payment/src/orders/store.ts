import type { Knex } from '@smartcourse/platform';
import type { OrderStatus } from './rules.js';

type Db = Knex | Knex.Transaction;

export interface Checkout {
  clientSecret?: string;
  url?: string;
}

export interface OrderRow {
  id: string;
  studentId: string;
  courseId: string;
  instructorId: string;
  courseTitle: string;
  listPriceCents: number;
  discountCents: number;
  amountCents: number;
  currency: string;
  couponId: string | null;
  couponCode: string | null;
  provider: string;
  paymentId: string | null;
  checkout: Checkout | null;
  status: OrderStatus;
  failureReason: string | null;
  placedAt: Date;
  expiresAt: Date;
  paidAt: Date | null;
  failedAt: Date | null;
  refundedAt: Date | null;
}

interface Row {
  id: string;
  student_id: string;
  course_id: string;
  instructor_id: string;
  course_title: string;
  list_price_cents: string;
  discount_cents: string;
  amount_cents: string;
  currency: string;
  coupon_id: string | null;
  coupon_code: string | null;
  provider: string;
  payment_id: string | null;
  checkout: Checkout | null;
  status: OrderStatus;
  failure_reason: string | null;
  placed_at: Date;
  expires_at: Date;
  paid_at: Date | null;
  failed_at: Date | null;
  refunded_at: Date | null;
}

// bigint columns come back as strings; amounts of one order fit a JS integer exactly.
const orderOf = (row: Row): OrderRow => ({
  id: row.id,
  studentId: row.student_id,
  courseId: row.course_id,
  instructorId: row.instructor_id,
  courseTitle: row.course_title,
  listPriceCents: Number(row.list_price_cents),
  discountCents: Number(row.discount_cents),
  amountCents: Number(row.amount_cents),
  currency: row.currency,
  couponId: row.coupon_id,
  couponCode: row.coupon_code,
  provider: row.provider,
  paymentId: row.payment_id,
  checkout: row.checkout,
  status: row.status,
  failureReason: row.failure_reason,
  placedAt: row.placed_at,
  expiresAt: row.expires_at,
  paidAt: row.paid_at,
  failedAt: row.failed_at,
  refundedAt: row.refunded_at,
});

export type NewOrder = Omit<OrderRow, 'paymentId' | 'checkout' | 'status' | 'failureReason' | 'paidAt' | 'failedAt' | 'refundedAt'>;

export async function insertOrder(db: Db, order: NewOrder): Promise<OrderRow> {
  const [row] = (await db('orders')
    .insert({
      id: order.id,
      student_id: order.studentId,
      course_id: order.courseId,
      instructor_id: order.instructorId,
      course_title: order.courseTitle,
      list_price_cents: order.listPriceCents,
      discount_cents: order.discountCents,
      amount_cents: order.amountCents,
      currency: order.currency,
      coupon_id: order.couponId,
      coupon_code: order.couponCode,
      provider: order.provider,
      status: 'pending',
      placed_at: order.placedAt,
      expires_at: order.expiresAt,
    })
    .returning('*')) as Row[];
  return orderOf(row!);
}

export async function findOrder(db: Db, id: string, options: { lock?: boolean } = {}): Promise<OrderRow | undefined> {
  const query = db('orders').where({ id }).first();
  const row = (await (options.lock ? query.forUpdate() : query)) as Row | undefined;
  return row && orderOf(row);
}

/** The order a provider's payment belongs to, locked for its change. */
export async function findOrderOfPayment(db: Db, provider: string, paymentId: string): Promise<OrderRow | undefined> {
  const row = (await db('orders').where({ provider, payment_id: paymentId }).first().forUpdate()) as Row | undefined;
  return row && orderOf(row);
}

/** The buyer's open order for a course, locked, if there is one. */
export async function findPendingOrder(db: Db, studentId: string, courseId: string): Promise<OrderRow | undefined> {
  const row = (await db('orders').where({ student_id: studentId, course_id: courseId, status: 'pending' }).first().forUpdate()) as Row | undefined;
  return row && orderOf(row);
}

/** Whether the buyer holds a paid (not refunded) order for the course: it is theirs already. */
export async function hasPaidOrder(db: Db, studentId: string, courseId: string): Promise<boolean> {
  return Boolean(await db('orders').where({ student_id: studentId, course_id: courseId, status: 'paid' }).first('id'));
}

export async function keepPayment(db: Db, id: string, payment: { paymentId: string; checkout: Checkout }): Promise<OrderRow> {
  const [row] = (await db('orders')
    .where({ id })
    .update({ payment_id: payment.paymentId, checkout: JSON.stringify(payment.checkout) })
    .returning('*')) as Row[];
  return orderOf(row!);
}

export async function setStatus(
  db: Db,
  id: string,
  change: { status: 'paid'; at: Date } | { status: 'failed' | 'expired'; at: Date; reason: string } | { status: 'refunded'; at: Date },
): Promise<OrderRow> {
  const fields: Record<string, unknown> = { status: change.status };
  if (change.status === 'paid') Object.assign(fields, { paid_at: change.at, failure_reason: null });
  else if (change.status === 'refunded') fields.refunded_at = change.at;
  else Object.assign(fields, { failed_at: change.at, failure_reason: change.reason });
  const [row] = (await db('orders').where({ id }).update(fields).returning('*')) as Row[];
  return orderOf(row!);
}

export async function listOrders(db: Db, filter: { studentId?: string; status?: OrderStatus }, page: { offset: number; limit: number }) {
  const query = db('orders').modify((builder) => {
    if (filter.studentId) builder.where({ student_id: filter.studentId });
    if (filter.status) builder.where({ status: filter.status });
  });
  const [rows, [count]] = await Promise.all([
    query
      .clone()
      .orderBy([{ column: 'placed_at', order: 'desc' }, { column: 'id' }])
      .offset(page.offset)
      .limit(page.limit)
      .select('*') as Promise<Row[]>,
    query.clone().count<{ count: string }[]>({ count: '*' }),
  ]);
  return { orders: rows.map(orderOf), total: Number(count?.count ?? 0) };
}

/** Pending orders placed before `before`, oldest first, locked (skipping those another process holds). */
export async function duePendingOrders(db: Db, now: Date, limit: number): Promise<OrderRow[]> {
  const rows = (await db('orders')
    .where({ status: 'pending' })
    .where('expires_at', '<=', now)
    .orderBy('expires_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()) as Row[];
  return rows.map(orderOf);
}
