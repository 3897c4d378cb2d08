import Stripe from 'stripe';
import { ProviderRefused, type CreatedPayment, type CreatedRefund, type PaymentProvider, type PaymentRequest, type RefundRequest } from './provider.js';
import { readStripeWebhook } from './stripe-webhook.js';

export interface StripeProviderOptions {
  /** `sk_test_…` in test mode. */
  secretKey: string;
  /** The webhook endpoint's signing secret (`whsec_…`). */
  webhookSecret: string;
  /** Another address for the Stripe API (stripe-mock locally); unset: Stripe itself. */
  apiUrl?: string;
}

/**
 * Each try waits this long for Stripe; one without an answer or with a 5xx is tried twice more
 * (same idempotency key, ≤ 1.5 s of back-off in all). Three tries end within 9 s: inside the 10 s
 * the gateway waits for a service, so the buyer gets the service's 503, not the gateway's timeout.
 */
const TIMEOUT_MS = 2_500;
const MAX_NETWORK_RETRIES = 2;

/**
 * The `stripe` provider: a PaymentIntent per order (the buyer pays it with Stripe Elements and
 * its client secret), refunds of the intent, webhooks read with the SDK's signature check.
 */
export function stripeProvider(options: StripeProviderOptions): PaymentProvider {
  const stripe = new Stripe(options.secretKey, { ...apiAddress(options.apiUrl), timeout: TIMEOUT_MS, maxNetworkRetries: MAX_NETWORK_RETRIES });

  async function createPayment(request: PaymentRequest): Promise<CreatedPayment> {
    const intent = await refusedAsProviderRefused(() =>
      stripe.paymentIntents.create(
        {
          amount: request.amountCents,
          currency: request.currency.toLowerCase(),
          description: request.description,
          metadata: { orderId: request.orderId },
          automatic_payment_methods: { enabled: true },
        },
        { idempotencyKey: `order-${request.orderId}` },
      ),
    );
    if (!intent.client_secret) throw new Error(`Stripe answered PaymentIntent ${intent.id} without a client secret.`);
    return { paymentId: intent.id, checkout: { clientSecret: intent.client_secret } };
  }

  async function refund(request: RefundRequest): Promise<CreatedRefund> {
    const created = await refusedAsProviderRefused(() =>
      stripe.refunds.create(
        { payment_intent: request.paymentId, amount: request.amountCents, metadata: { refundId: request.refundId } },
        { idempotencyKey: `refund-${request.refundId}` },
      ),
    );
    switch (created.status) {
      case 'succeeded':
        return { providerRefundId: created.id, status: 'succeeded' };
      case 'failed':
      case 'canceled':
        throw new ProviderRefused(
          `Stripe ${created.status === 'failed' ? 'could not make' : 'canceled'} refund ${created.id}.`,
          created.failure_reason ?? `refund_${created.status}`,
        );
      default:
        // pending, requires_action: settled later, announced by a charge.refunded webhook
        return { providerRefundId: created.id, status: 'pending' };
    }
  }

  return {
    name: 'stripe',
    createPayment,
    refund,
    readWebhook: (rawBody, signature) => readStripeWebhook(rawBody, signature, options.webhookSecret),
  };
}

/** The SDK's host, port and protocol for an API address such as `http://127.0.0.1:12111`. */
function apiAddress(apiUrl: string | undefined): { host?: string; port?: number; protocol?: 'http' | 'https' } {
  if (!apiUrl) return {};
  const url = new URL(apiUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`The Stripe API address must be http or https (got ${apiUrl}).`);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443, protocol };
}

/**
 * A request Stripe answered with a refusal (a declined card, an invalid request, an idempotency
 * key reused with other parameters) becomes ProviderRefused with Stripe's code (else its error type). The rest stays
 * thrown as it is: no answer (connection, timeout), Stripe's own failures (5xx), a rate limit,
 * or our key refused — the service answers those 503, and a retry may succeed.
 */
async function refusedAsProviderRefused<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (
      error instanceof Stripe.errors.StripeCardError ||
      error instanceof Stripe.errors.StripeInvalidRequestError ||
      error instanceof Stripe.errors.StripeIdempotencyError
    )
      throw new ProviderRefused(error.message, error.code ?? error.rawType);
    throw error;
  }
}
