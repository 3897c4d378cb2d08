/**
 * A payment provider, as the payment service needs one: start an order's payment, give it back,
 * and read the provider's signed webhooks. `stripe` (PaymentIntents through the official SDK) and
 * `fake` (inside the platform, offline) implement it; nothing else in the service knows which.
 */
export interface PaymentProvider {
  readonly name: ProviderName;
  /**
   * Starts the payment of an order, with `orderId` in its metadata. Idempotent by `orderId` (the
   * provider's idempotency key): a retry after a lost answer gets the same payment, never a second one.
   */
  createPayment(request: PaymentRequest): Promise<CreatedPayment>;
  /** Refunds a payment whole. Idempotent by `refundId`. Throws ProviderRefused when the provider says no. */
  refund(request: RefundRequest): Promise<CreatedRefund>;
  /**
   * Checks a webhook's signature (Stripe's `Stripe-Signature` scheme, 5-minute tolerance) over
   * the raw body and reads it. Throws WebhookRejected when the signature is forged, stale or missing.
   */
  readWebhook(rawBody: Buffer, signature: string | undefined): ProviderEvent;
}

export type ProviderName = 'stripe' | 'fake';

export interface PaymentRequest {
  orderId: string;
  amountCents: number;
  /** ISO 4217, upper case. */
  currency: string;
  /** Shown on the provider's side (the course title). */
  description: string;
}

export interface CreatedPayment {
  /** The provider's id of the payment (a PaymentIntent's `pi_…`). */
  paymentId: string;
  /** What the buyer's client needs to pay: a client secret (Stripe Elements) or a payment page. */
  checkout: { clientSecret?: string; url?: string };
}

export interface RefundRequest {
  paymentId: string;
  refundId: string;
  amountCents: number;
}

export interface CreatedRefund {
  /** The provider's id of the refund (`re_…`). */
  providerRefundId: string;
  status: 'succeeded' | 'pending';
}

/**
 * A webhook, read: what the service acts on. `id` is the provider's event id (deduplicated); the
 * order is found by `paymentId`, or by the `orderId` the payment's metadata carries (a webhook may
 * come before the service wrote down the payment id it was answered).
 */
export type ProviderEvent =
  | { id: string; kind: 'payment.succeeded'; paymentId: string; orderId: string | undefined; amountCents: number; currency: string }
  | { id: string; kind: 'payment.failed'; paymentId: string; orderId: string | undefined; reason: 'declined' | 'canceled' }
  | { id: string; kind: 'payment.refunded'; paymentId: string }
  /** A type the service does not act on: acknowledged and ignored. */
  | { id: string; kind: 'ignored'; type: string };

/** A webhook whose signature is forged, stale or missing. */
export class WebhookRejected extends Error {}

/** The provider answered, and refused (a refund of a disputed charge, a payment it cannot find). */
export class ProviderRefused extends Error {
  constructor(
    message: string,
    readonly providerCode: string | undefined,
  ) {
    super(message);
  }
}
