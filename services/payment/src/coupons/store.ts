import type { Knex } from '@smartcourse/platform';
import type { CouponTerms } from './rules.js';

type Db = Knex | Knex.Transaction;

export interface CouponRow extends CouponTerms {
  createdBy: string;
  createdAt: Date;
}

interface Row {
  id: string;
  code: string;
  percent_off: number | null;
  amount_off_cents: string | null;
  currency: string | null;
  course_id: string | null;
  max_redemptions: number | null;
  expires_at: Date | null;
  created_by: string;
  created_at: Date;
}

const couponOf = (row: Row): CouponRow => ({
  id: row.id,
  code: row.code,
  percentOff: row.percent_off,
  amountOffCents: row.amount_off_cents === null ? null : Number(row.amount_off_cents),
  currency: row.currency,
  courseId: row.course_id,
  maxRedemptions: row.max_redemptions,
  expiresAt: row.expires_at,
  createdBy: row.created_by,
  createdAt: row.created_at,
});

/** Inserts a coupon; false when its code is taken (codes are stored upper-case). */
export async function insertCoupon(db: Db, coupon: CouponRow): Promise<boolean> {
  const inserted = await db('coupons')
    .insert({
      id: coupon.id,
      code: coupon.code,
      percent_off: coupon.percentOff,
      amount_off_cents: coupon.amountOffCents,
      currency: coupon.currency,
      course_id: coupon.courseId,
      max_redemptions: coupon.maxRedemptions,
      expires_at: coupon.expiresAt,
      created_by: coupon.createdBy,
      created_at: coupon.createdAt,
    })
    .onConflict('code')
    .ignore()
    .returning('id');
  return inserted.length === 1;
}

/** The coupon of a code, locked: orders placed with it at once count its redemptions one after the other. */
export async function findCouponForOrder(db: Db, code: string): Promise<CouponRow | undefined> {
  const row = (await db('coupons').where({ code }).first().forUpdate()) as Row | undefined;
  return row && couponOf(row);
}

/** Orders holding a use of the coupon: pending, paid or refunded (a failed or expired one gave it back). */
export async function redemptionsOf(db: Db, couponId: string): Promise<number> {
  const [row] = await db('orders').where({ coupon_id: couponId }).whereIn('status', ['pending', 'paid', 'refunded']).count<{ count: string }[]>({ count: '*' });
  return Number(row?.count ?? 0);
}

export async function listCoupons(db: Db, filter: { courseIds?: string[]; courseId?: string }, page: { offset: number; limit: number }) {
  const query = db('coupons').modify((builder) => {
    if (filter.courseIds) builder.whereIn('course_id', filter.courseIds);
    if (filter.courseId) builder.where({ course_id: filter.courseId });
  });
  const [rows, [count]] = await Promise.all([
    query
      .clone()
      .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id' }])
      .offset(page.offset)
      .limit(page.limit)
      .select('*') as Promise<Row[]>,
    query.clone().count<{ count: string }[]>({ count: '*' }),
  ]);
  const coupons = rows.map(couponOf);
  const uses = await Promise.all(coupons.map((coupon) => redemptionsOf(db, coupon.id)));
  return { coupons: coupons.map((coupon, index) => ({ ...coupon, redemptions: uses[index] ?? 0 })), total: Number(count?.count ?? 0) };
}

/** The ids of the courses an instructor teaches, from the course replica. */
export async function coursesTaughtBy(db: Db, instructorId: string): Promise<string[]> {
  return (await db('courses').where({ instructor_id: instructorId }).pluck('id')) as string[];
}
