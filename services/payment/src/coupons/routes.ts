import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { CouponsEndpoint, CreateCouponEndpoint, type Coupon } from '@smartcourse/contracts';
import { actorOf, conflict, forbidden, notFound, pageMeta, serveEndpoint, type Knex } from '@smartcourse/platform';
import { findCourse } from '../courses/store.js';
import { coursesTaughtBy, insertCoupon, listCoupons, type CouponRow } from './store.js';

const couponView = (coupon: CouponRow, redemptions: number): Coupon => ({
  id: coupon.id,
  code: coupon.code,
  percentOff: coupon.percentOff,
  amountOffCents: coupon.amountOffCents,
  currency: coupon.currency,
  courseId: coupon.courseId,
  maxRedemptions: coupon.maxRedemptions,
  redemptions,
  expiresAt: coupon.expiresAt?.toISOString() ?? null,
  createdBy: coupon.createdBy,
  createdAt: coupon.createdAt.toISOString(),
});

/** Coupons: an admin's for any course or all of them; an instructor's for a course of their own. */
export function couponRoutes(deps: { db: Knex }): Router {
  const router = Router();

  serveEndpoint(router, CreateCouponEndpoint, async ({ body }, res) => {
    const actor = actorOf(res);
    if (actor.role !== 'admin') {
      if (actor.role !== 'instructor') throw forbidden('Only admins and instructors make coupons.');
      if (!body.courseId) throw forbidden('An instructor makes coupons for a course of their own: give its courseId.');
      const course = await findCourse(deps.db, body.courseId);
      if (!course || course.instructorId !== actor.userId) throw notFound('COURSE_NOT_FOUND', 'No such course of yours.');
    }
    const coupon: CouponRow = {
      id: randomUUID(),
      code: body.code,
      percentOff: body.percentOff ?? null,
      amountOffCents: body.amountOffCents ?? null,
      currency: body.currency ?? null,
      courseId: body.courseId ?? null,
      maxRedemptions: body.maxRedemptions ?? null,
      expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
      createdBy: actor.userId,
      createdAt: new Date(),
    };
    if (!(await insertCoupon(deps.db, coupon))) throw conflict('COUPON_CODE_TAKEN', `A coupon with the code ${body.code} exists already.`);
    res.status(201).json({ data: couponView(coupon, 0) });
  });

  serveEndpoint(router, CouponsEndpoint, async ({ query }, res) => {
    const actor = actorOf(res);
    if (actor.role !== 'admin' && actor.role !== 'instructor') throw forbidden('Only admins and instructors see coupons.');
    const courseIds = actor.role === 'admin' ? undefined : await coursesTaughtBy(deps.db, actor.userId);
    const { coupons, total } = await listCoupons(
      deps.db,
      { ...(courseIds ? { courseIds } : {}), ...(query.courseId ? { courseId: query.courseId } : {}) },
      { offset: (query.page - 1) * query.per_page, limit: query.per_page },
    );
    res.json({ data: coupons.map((coupon) => couponView(coupon, coupon.redemptions)), meta: pageMeta(query.page, query.per_page, total) });
  });

  return router;
}
