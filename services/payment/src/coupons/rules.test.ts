import { couponRefusal, discountOf, type CouponTerms } from './rules.js';

const coupon = (terms: Partial<CouponTerms> = {}): CouponTerms => ({
  id: 'c1',
  code: 'SPRING',
  percentOff: 10,
  amountOffCents: null,
  currency: null,
  courseId: null,
  maxRedemptions: null,
  expiresAt: null,
  ...terms,
});
const now = new Date('2026-12-07T12:00:00Z');
const order = { courseId: 'course-1', currency: 'USD', now };

describe('coupon rules', () => {
  it('rounds a percentage half up, in whole cents', () => {
    expect(discountOf(coupon({ percentOff: 10 }), 1999)).toBe(200);
    expect(discountOf(coupon({ percentOff: 15 }), 1990)).toBe(299);
    expect(discountOf(coupon({ percentOff: 33 }), 1)).toBe(0);
    expect(discountOf(coupon({ percentOff: 100 }), 4999)).toBe(4999);
  });

  it('takes an amount off, never more than the price', () => {
    expect(discountOf(coupon({ percentOff: null, amountOffCents: 500, currency: 'USD' }), 1999)).toBe(500);
    expect(discountOf(coupon({ percentOff: null, amountOffCents: 5000, currency: 'USD' }), 1999)).toBe(1999);
    expect(discountOf(undefined, 1999)).toBe(0);
  });

  it('refuses an unknown, expired, used-up, other-course or other-currency coupon', () => {
    expect(couponRefusal(undefined, order, 0)).toBe('unknown');
    expect(couponRefusal(coupon({ expiresAt: new Date('2026-12-07T11:59:59Z') }), order, 0)).toBe('expired');
    expect(couponRefusal(coupon({ maxRedemptions: 2 }), order, 2)).toBe('used-up');
    expect(couponRefusal(coupon({ maxRedemptions: 2 }), order, 1)).toBeNull();
    expect(couponRefusal(coupon({ courseId: 'course-2' }), order, 0)).toBe('other-course');
    expect(couponRefusal(coupon({ percentOff: null, amountOffCents: 100, currency: 'EUR' }), order, 0)).toBe('other-currency');
    expect(couponRefusal(coupon({ courseId: 'course-1', expiresAt: new Date('2027-01-01T00:00:00Z') }), order, 0)).toBeNull();
  });
});
