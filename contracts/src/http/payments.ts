import { z } from 'zod';
import { PageMeta } from './admin.js';
import { trimmedText } from './text.js';

/** Request and response bodies of the payment routes, shared by the gateway and the payment service. Money: integer minor units. */

export const orderStatuses = ['pending', 'paid', 'refunded', 'failed', 'expired'] as const;
export const OrderStatus = z.enum(orderStatuses);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const providerNames = ['stripe', 'fake'] as const;
export const ProviderName = z.enum(providerNames);

const cents = z.number().int().describe('Minor units of the currency (cents), never a float.');
const currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code in capitals, e.g. USD');

/** A coupon code as typed: letters, digits, `-` and `_`; compared without case. */
const couponCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{3,32}$/, '3 to 32 letters, digits, - or _')
  .transform((code) => code.toUpperCase());

export const OrderParams = z.strictObject({ orderId: z.uuid() });
export const PlaceOrderRequest = z.strictObject({ courseId: z.uuid(), couponCode: couponCode.optional() });
export type PlaceOrderRequest = z.infer<typeof PlaceOrderRequest>;

export const Checkout = z.object({
  provider: ProviderName,
  clientSecret: z.string().optional().describe("Stripe: the PaymentIntent's client secret, for Stripe.js (the buyer's alone)."),
  url: z.string().optional().describe('fake: the payment page; POST `{cardNumber}` to it to pay.'),
});

export const Order = z.object({
  id: z.uuid(),
  studentId: z.uuid(),
  courseId: z.uuid(),
  courseTitle: z.string(),
  status: OrderStatus,
  listPriceCents: cents,
  discountCents: cents,
  amountCents: cents.describe('What is charged: the list price less the discount.'),
  currency,
  couponCode: z.string().nullable(),
  provider: ProviderName,
  placedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().describe('An order still pending then expires.'),
  paidAt: z.iso.datetime().nullable(),
  failedAt: z.iso.datetime().nullable(),
  failureReason: z.string().nullable().describe('declined, canceled or expired.'),
  refundedAt: z.iso.datetime().nullable(),
  checkout: Checkout.optional().describe('While pending, to its buyer only.'),
});
export type Order = z.infer<typeof Order>;

const page = z.coerce.number().int().min(1).max(10_000).default(1);
const perPage = z.coerce.number().int().min(1).max(100).default(20);
export const OrderListQuery = z.strictObject({ page, per_page: perPage, status: OrderStatus.optional() });
export const OrderList = z.object({ data: z.array(Order), meta: PageMeta });

export const RefundRequest = z.strictObject({ reason: trimmedText(1, 500) });
export type RefundRequest = z.infer<typeof RefundRequest>;

export const CreateCouponRequest = z
  .strictObject({
    code: couponCode,
    percentOff: z.number().int().min(1).max(100).optional(),
    amountOffCents: z.number().int().min(1).max(100_000_000).optional(),
    currency: currency.optional().describe('Required with amountOffCents: the coupon applies to courses priced in it.'),
    courseId: z.uuid().optional().describe('Only this course; unset: every course (admins only).'),
    maxRedemptions: z.number().int().min(1).max(1_000_000).optional(),
    expiresAt: z.iso.datetime().optional(),
  })
  .superRefine((coupon, ctx) => {
    if ((coupon.percentOff === undefined) === (coupon.amountOffCents === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['percentOff'], message: 'Give exactly one of percentOff and amountOffCents.' });
    }
    if (coupon.amountOffCents !== undefined && coupon.currency === undefined) {
      ctx.addIssue({ code: 'custom', path: ['currency'], message: 'An amount off needs its currency.' });
    }
    if (coupon.amountOffCents === undefined && coupon.currency !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['currency'], message: 'A currency goes with amountOffCents only.' });
    }
    if (coupon.expiresAt !== undefined && Date.parse(coupon.expiresAt) <= Date.now()) {
      ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'The expiry must be in the future.' });
    }
  });
export type CreateCouponRequest = z.infer<typeof CreateCouponRequest>;

export const Coupon = z.object({
  id: z.uuid(),
  code: z.string(),
  percentOff: z.number().int().nullable(),
  amountOffCents: cents.nullable(),
  currency: currency.nullable(),
  courseId: z.uuid().nullable(),
  maxRedemptions: z.number().int().nullable(),
  redemptions: z.number().int().describe('Orders pending, paid or refunded with it (a failed or expired order gives its use back).'),
  expiresAt: z.iso.datetime().nullable(),
  createdBy: z.uuid(),
  createdAt: z.iso.datetime(),
});
export type Coupon = z.infer<typeof Coupon>;
export const CouponListQuery = z.strictObject({ page, per_page: perPage, courseId: z.uuid().optional() });
export const CouponList = z.object({ data: z.array(Coupon), meta: PageMeta });

const day = z.iso.date();
export const RevenueQuery = z
  .strictObject({ from: day.optional().describe('First day (UTC), inclusive.'), to: day.optional().describe('Last day (UTC), inclusive.') })
  .refine((range) => !range.from || !range.to || range.from <= range.to, { path: ['to'], message: '`to` is before `from`.' });

const CourseRevenue = z.object({
  courseId: z.uuid(),
  courseTitle: z.string(),
  currency,
  sales: z.number().int().describe('Orders paid in the period.'),
  grossCents: cents,
  refunds: z.number().int().describe('Orders refunded in the period.'),
  refundedCents: cents,
  netCents: cents.describe('grossCents less refundedCents.'),
});
export const Revenue = z.object({
  from: day.nullable(),
  to: day.nullable(),
  courses: z.array(CourseRevenue),
  totals: z
    .array(z.object({ currency, grossCents: cents, refundedCents: cents, netCents: cents }))
    .describe('One line per currency: amounts in different currencies are never added.'),
});
export type Revenue = z.infer<typeof Revenue>;

export const ProviderParams = z.strictObject({ provider: z.string().max(40) });

/** The fake provider's payment page: its payment id, as its `checkout.url` names it. */
export const CheckoutParams = z.strictObject({ paymentId: z.string().regex(/^pi_fake_[A-Za-z0-9]{24}$/, 'a payment id of the fake provider') });
export const PayRequest = z.strictObject({ cardNumber: z.string().regex(/^[0-9 ]{12,23}$/, 'a card number: digits (spaces allowed)') });
export const PayResult = z.object({ paymentId: z.string(), status: z.enum(['succeeded', 'requires_action']) });
