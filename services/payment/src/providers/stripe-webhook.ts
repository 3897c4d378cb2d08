import Stripe from 'stripe';
import { WebhookRejected, type ProviderEvent } from './provider.js';

/** Stripe's default, and what DOMAIN.md §8 asks: a signature older than five minutes is stale. */
const TOLERANCE_SECONDS = 300;

/**
 * Reads a webhook in Stripe's format, its `Stripe-Signature` checked by the official SDK. The fake
 * provider signs and shapes its webhooks the same way, so both providers are read here.
 */
export function readStripeWebhook(rawBody: Buffer, signature: string | undefined, secret: string): ProviderEvent {
  if (!signature) throw new WebhookRejected('The Stripe-Signature header is missing.');
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(rawBody, signature, secret, TOLERANCE_SECONDS);
  } catch (error) {
    throw new WebhookRejected(error instanceof Error ? error.message : 'The signature does not match.');
  }
  switch (event.type) {
    case 'payment_intent.succeeded': {
      const intent = event.data.object;
      return {
        id: event.id,
        kind: 'payment.succeeded',
        paymentId: intent.id,
        orderId: intent.metadata.orderId,
        amountCents: intent.amount_received || intent.amount,
        currency: intent.currency.toUpperCase(),
      };
    }
    case 'payment_intent.payment_failed':
    case 'payment_intent.canceled': {
      const intent = event.data.object;
      const reason = event.type === 'payment_intent.canceled' ? 'canceled' : 'declined';
      return { id: event.id, kind: 'payment.failed', paymentId: intent.id, orderId: intent.metadata.orderId, reason };
    }
    case 'charge.refunded': {
      const intent = event.data.object.payment_intent;
      if (!intent) return { id: event.id, kind: 'ignored', type: event.type };
      return { id: event.id, kind: 'payment.refunded', paymentId: typeof intent === 'string' ? intent : intent.id };
    }
    default:
      return { id: event.id, kind: 'ignored', type: event.type };
  }
}
