import { z } from 'zod';
import {
  CheckoutParams,
  Coupon,
  CouponList,
  CouponListQuery,
  CreateCouponRequest,
  Order,
  OrderList,
  OrderListQuery,
  OrderParams,
  PayRequest,
  PayResult,
  PlaceOrderRequest,
  ProviderParams,
  RefundRequest,
  Revenue,
  RevenueQuery,
} from '../http/payments.js';
import { internalEndpoint } from './endpoint.js';

/**
 * The payment service's internal API. Orders are placed and refunded over HTTP, not as commands:
 * both call the provider while the buyer waits, and the client secret must not travel on Kafka.
 */

export const PlaceOrderEndpoint = internalEndpoint({ method: 'post', path: '/internal/orders', body: PlaceOrderRequest, response: Order });
export const MyOrdersEndpoint = internalEndpoint({ method: 'get', path: '/internal/orders/mine', query: OrderListQuery, response: OrderList });
export const OrderEndpoint = internalEndpoint({ method: 'get', path: '/internal/orders/:orderId', params: OrderParams, response: Order });
export const RefundOrderEndpoint = internalEndpoint({
  method: 'post',
  path: '/internal/orders/:orderId/refund',
  params: OrderParams,
  body: RefundRequest,
  response: Order,
});
/** The receipt of a paid (or refunded) order, as a PDF. */
export const ReceiptEndpoint = internalEndpoint({ method: 'get', path: '/internal/orders/:orderId/receipt', params: OrderParams });

export const CreateCouponEndpoint = internalEndpoint({ method: 'post', path: '/internal/coupons', body: CreateCouponRequest, response: Coupon });
export const CouponsEndpoint = internalEndpoint({ method: 'get', path: '/internal/coupons', query: CouponListQuery, response: CouponList });

export const RevenueEndpoint = internalEndpoint({ method: 'get', path: '/internal/revenue', query: RevenueQuery, response: Revenue });

/**
 * A provider's webhook, as the gateway received it: the exact bytes (base64, for the signature)
 * and the `Stripe-Signature` header. No actor: the signature is the proof.
 */
export const WebhookEndpoint = internalEndpoint({
  method: 'post',
  path: '/internal/webhooks/:provider',
  params: ProviderParams,
  body: z.strictObject({ payload: z.base64(), signature: z.string().max(2000).optional() }),
  response: z.object({ received: z.literal(true) }),
});

/** The fake provider's payment page (HTML) and its form's action. */
export const CheckoutPageEndpoint = internalEndpoint({ method: 'get', path: '/internal/fake-provider/checkout/:paymentId', params: CheckoutParams });
export const PayEndpoint = internalEndpoint({
  method: 'post',
  path: '/internal/fake-provider/checkout/:paymentId',
  params: CheckoutParams,
  body: PayRequest,
  response: PayResult,
});
