import { z } from 'zod';
import {
  CheckoutPageEndpoint,
  CheckoutParams,
  Coupon,
  CouponList,
  CouponListQuery,
  CouponsEndpoint,
  CreateCouponEndpoint,
  CreateCouponRequest,
  MyOrdersEndpoint,
  Order,
  OrderEndpoint,
  OrderList,
  OrderListQuery,
  OrderParams,
  PayEndpoint,
  PayRequest,
  PayResult,
  PlaceOrderEndpoint,
  PlaceOrderRequest,
  ProviderParams,
  ReceiptEndpoint,
  RefundOrderEndpoint,
  RefundRequest,
  Revenue,
  RevenueEndpoint,
  RevenueQuery,
  WebhookEndpoint,
} from '@smartcourse/contracts';
import { header, rawBodyOf } from '@smartcourse/platform';
import type { InternalClient } from '../../internal-client.js';
import { forward } from '../../relay.js';
import { route, type ErrorSpec, type RouteSpec } from '../../routing/spec.js';

const notFound: ErrorSpec = { code: 'ORDER_NOT_FOUND' };
const provider: ErrorSpec[] = [{ code: 'PAYMENT_PROVIDER_UNAVAILABLE' }, { code: 'PAYMENT_PROVIDER_REFUSED' }];

/** What the OpenAPI document shows of a webhook: the provider's event, whose exact bytes are passed on for the signature. */
const WebhookEvent = z.looseObject({ id: z.string(), type: z.string() });

/**
 * Payments: orders, refunds, receipts, coupons and revenue are queries and synchronous writes to
 * the payment service (a provider is called while the buyer waits, and a client secret never goes
 * on Kafka); providers' webhooks and the fake provider's page are public.
 */
export function paymentServiceRoutes(deps: { payments: InternalClient }): RouteSpec[] {
  return [
    route({
      method: 'post',
      path: '/api/orders',
      summary: 'Order a paid course (with a coupon code): the answer carries the checkout — a client secret (Stripe) or a payment page (fake)',
      tag: 'payments',
      access: ['student'],
      request: { body: PlaceOrderRequest },
      responses: {
        201: { description: 'The order, pending, with its checkout', body: Order },
        200: { description: 'Your open order for this course, answered again (with its checkout)', body: Order },
      },
      errors: [
        { code: 'COURSE_NOT_FOUND' },
        { code: 'COURSE_IS_FREE' },
        { code: 'COURSE_NOT_FOR_SALE' },
        { code: 'ALREADY_ENROLLED' },
        { code: 'COUPON_NOT_APPLICABLE' },
        ...provider,
      ],
      handler: ({ body }, res) => forward(res, deps.payments, PlaceOrderEndpoint, { body }),
    }),
    route({
      method: 'get',
      path: '/api/orders/mine',
      summary: 'My orders, newest first',
      tag: 'payments',
      access: 'authenticated',
      request: { query: OrderListQuery },
      responses: { 200: { description: 'One page of my orders', body: OrderList } },
      handler: ({ query }, res) => forward(res, deps.payments, MyOrdersEndpoint, { query }),
    }),
    route({
      method: 'get',
      path: '/api/orders/:orderId',
      summary: 'One order (its buyer, admins); its buyer sees the checkout while it is pending',
      tag: 'payments',
      access: 'authenticated',
      request: { params: OrderParams },
      responses: { 200: { description: 'The order', body: Order } },
      errors: [notFound],
      handler: ({ params }, res) => forward(res, deps.payments, OrderEndpoint, { params }),
    }),
    route({
      method: 'post',
      path: '/api/orders/:orderId/refund',
      summary: 'Refund an order through the provider, which ends its enrollment (admins: any paid order; its buyer: within 14 days, under 30 % progress)',
      tag: 'payments',
      access: 'authenticated',
      request: { params: OrderParams, body: RefundRequest },
      responses: { 200: { description: 'The order, refunded', body: Order } },
      errors: [notFound, { code: 'ORDER_NOT_REFUNDABLE' }, ...provider],
      handler: ({ params, body }, res) => forward(res, deps.payments, RefundOrderEndpoint, { params, body }),
    }),
    route({
      method: 'get',
      path: '/api/orders/:orderId/receipt',
      summary: 'The receipt of a paid order, as a PDF (its buyer, admins)',
      tag: 'payments',
      access: 'authenticated',
      request: { params: OrderParams },
      responses: { 200: { description: 'The receipt: one A4 page', mediaType: 'application/pdf' } },
      errors: [notFound, { code: 'ORDER_NOT_PAID' }],
      handler: ({ params }, res) => forward(res, deps.payments, ReceiptEndpoint, { params }),
    }),
    route({
      method: 'post',
      path: '/api/coupons',
      summary: 'Make a coupon: percent or amount off, for one course or all (admins), with a redemption limit and an expiry',
      tag: 'payments',
      access: ['instructor', 'admin'],
      request: { body: CreateCouponRequest },
      responses: { 201: { description: 'The coupon', body: Coupon } },
      errors: [{ code: 'COUPON_CODE_TAKEN' }, { code: 'COURSE_NOT_FOUND', description: 'An instructor’s coupon names a course that is not theirs.' }],
      handler: ({ body }, res) => forward(res, deps.payments, CreateCouponEndpoint, { body }),
    }),
    route({
      method: 'get',
      path: '/api/coupons',
      summary: 'Coupons with their redemptions (admins: all; instructors: those of their courses)',
      tag: 'payments',
      access: ['instructor', 'admin'],
      request: { query: CouponListQuery },
      responses: { 200: { description: 'One page of coupons', body: CouponList } },
      handler: ({ query }, res) => forward(res, deps.payments, CouponsEndpoint, { query }),
    }),
    route({
      method: 'get',
      path: '/api/instructors/me/revenue',
      summary: 'My sales, refunds and net per course and currency, over UTC days `from`–`to` (inclusive)',
      tag: 'payments',
      access: ['instructor'],
      request: { query: RevenueQuery },
      responses: { 200: { description: 'The report; totals per currency are the sums of its lines', body: Revenue } },
      handler: ({ query }, res) => forward(res, deps.payments, RevenueEndpoint, { query }),
    }),
    route({
      method: 'post',
      path: '/api/payments/webhooks/:provider',
      summary:
        "A payment provider's webhook (stripe, fake): `Stripe-Signature` checked over the exact body, 5-minute tolerance; an event delivered twice acts once",
      tag: 'payments',
      access: 'public',
      request: { params: ProviderParams, body: WebhookEvent },
      responses: { 200: { description: 'Received (also for event types that are ignored)', body: z.object({ received: z.literal(true) }) } },
      errors: [
        { code: 'WEBHOOK_SIGNATURE_INVALID' },
        { code: 'PROVIDER_NOT_FOUND' },
        { code: 'ORDER_NOT_FOUND', description: 'The payment is not known yet: the provider delivers the event again later.' },
      ],
      async handler({ params }, res, req) {
        const payload = (rawBodyOf(req) ?? Buffer.alloc(0)).toString('base64');
        const signature = header(req, 'stripe-signature');
        await forward(res, deps.payments, WebhookEndpoint, { params, body: { payload, ...(signature ? { signature } : {}) } });
      },
    }),
    route({
      method: 'get',
      path: '/api/payments/fake/checkout/:paymentId',
      summary: "The fake provider's payment page (HTML): the amount, and a form for a test card",
      tag: 'payments',
      access: 'public',
      request: { params: CheckoutParams },
      responses: { 200: { description: 'The page', mediaType: 'text/html' } },
      errors: [{ code: 'CHECKOUT_NOT_FOUND' }],
      handler: ({ params }, res) => forward(res, deps.payments, CheckoutPageEndpoint, { params }),
    }),
    route({
      method: 'post',
      path: '/api/payments/fake/checkout/:paymentId',
      summary:
        'Pay at the fake provider with a Stripe test card: 4242424242424242 succeeds, 4000000000000002 is declined, 4000002500003155 requires action (send it twice)',
      tag: 'payments',
      access: 'public',
      request: { params: CheckoutParams, body: PayRequest },
      responses: { 200: { description: 'Paid, or waiting for the action; the provider then sends its webhook', body: PayResult } },
      errors: [{ code: 'CHECKOUT_NOT_FOUND' }, { code: 'CARD_DECLINED' }],
      handler: ({ params, body }, res) => forward(res, deps.payments, PayEndpoint, { params, body }),
    }),
  ];
}
