/** A coupon as its rules need it. */
export interface CouponTerms {
  id: string;
  code: string;
  percentOff: number | null;
  amountOffCents: number | null;
  currency: string | null;
  courseId: string | null;
  maxRedemptions: number | null;
  expiresAt: Date | null;
}

export type CouponRefusal = 'unknown' | 'expired' | 'used-up' | 'other-course' | 'other-currency';

/** Why a coupon does not apply to a course's order now, or null when it does. */
export function couponRefusal(
  coupon: CouponTerms | undefined,
  order: { courseId: string; currency: string; now: Date },
  redemptions: number,
): CouponRefusal | null {
  if (!coupon) return 'unknown';
  if (coupon.expiresAt && coupon.expiresAt <= order.now) return 'expired';
  if (coupon.maxRedemptions !== null && redemptions >= coupon.maxRedemptions) return 'used-up';
  if (coupon.courseId !== null && coupon.courseId !== order.courseId) return 'other-course';
  if (coupon.currency !== null && coupon.currency !== order.currency) return 'other-currency';
  return null;
}

/**
 * What a coupon takes off a list price, in minor units: a percentage rounded half up, or an
 * amount, never more than the price. Integer arithmetic only.
 */
export function discountOf(coupon: Pick<CouponTerms, 'percentOff' | 'amountOffCents'> | undefined, listPriceCents: number): number {
  if (!coupon) return 0;
  if (coupon.percentOff !== null) return Math.floor((listPriceCents * coupon.percentOff + 50) / 100);
  return Math.min(coupon.amountOffCents ?? 0, listPriceCents);
}
