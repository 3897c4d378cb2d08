import { randomBytes } from 'node:crypto';
import type { Knex } from '@smartcourse/platform';
import { ProviderRefused, type PaymentProvider } from '../provider.js';
import { readStripeWebhook } from '../stripe-webhook.js';
import { findPayment, keepPayment, keepRefund } from './store.js';
import { queueWebhook, randomId, type DeliverySettings } from './webhooks.js';

/**
 * The fake provider: a payment provider inside the platform, for running offline. It keeps its
 * own payments, answers with a payment page instead of a client secret, and reports by signed
 * webhooks (Stripe's format and signature), late, repeated and in any order, as a real one does.
 */
export function fakeProvider(db: Knex, settings: DeliverySettings & { checkoutBaseUrl: string }): PaymentProvider {
  return {
    name: 'fake',
    async createPayment(request) {
      const id = randomId('pi_fake_');
      const { payment, created } = await keepPayment(
        db,
        {
          id,
          clientSecret: `${id}_secret_${randomBytes(12).toString('hex')}`,
          amountCents: request.amountCents,
          currency: request.currency.toLowerCase(),
          description: request.description,
          metadata: { orderId: request.orderId },
          status: 'requires_payment_method',
          createdAt: new Date(),
        },
        `order-${request.orderId}`,
      );
      // A type the service does not act on: it must be acknowledged and ignored.
      if (created) await queueWebhook(db, settings, 'payment_intent.created', intentObject(payment));
      return { paymentId: payment.id, checkout: { url: `${settings.checkoutBaseUrl}/${payment.id}` } };
    },
    async refund(request) {
      const payment = await findPayment(db, request.paymentId);
      if (!payment) throw new ProviderRefused(`No such payment: ${request.paymentId}.`, 'resource_missing');
      if (payment.status !== 'succeeded') throw new ProviderRefused('The payment has not succeeded: there is nothing to refund.', 'charge_not_refundable');
      const refund = await keepRefund(db, { id: randomId('re_fake_'), paymentId: payment.id, amountCents: request.amountCents }, `refund-${request.refundId}`);
      if (refund.created) {
        await queueWebhook(db, settings, 'charge.refunded', {
          id: `ch_${payment.id.slice(3)}`,
          object: 'charge',
          amount: payment.amountCents,
          amount_refunded: request.amountCents,
          currency: payment.currency,
          payment_intent: payment.id,
          refunded: true,
        });
      }
      return { providerRefundId: refund.id, status: 'succeeded' };
    },
    readWebhook: (rawBody, signature) => readStripeWebhook(rawBody, signature, settings.secret),
  };
}

/** A payment as a PaymentIntent object of a webhook. */
export function intentObject(payment: { id: string; amountCents: number; currency: string; metadata: Record<string, string>; status: string }) {
  return {
    id: payment.id,
    object: 'payment_intent',
    amount: payment.amountCents,
    amount_received: payment.status === 'succeeded' ? payment.amountCents : 0,
    currency: payment.currency,
    metadata: payment.metadata,
    status: payment.status,
  };
}
