import { AppError, notFound, type Knex } from '@smartcourse/platform';
import { intentObject } from './provider.js';
import { findPayment, setPaymentStatus } from './store.js';
import { queueWebhook, type DeliverySettings } from './webhooks.js';

/** Stripe's test card numbers, and what each does at the fake provider. */
const cards: Record<string, 'succeeds' | 'declined' | 'requires-action'> = {
  '4242424242424242': 'succeeds',
  '5555555555554444': 'succeeds',
  '4000000000000002': 'declined',
  '4000000000009995': 'declined',
  '4000002500003155': 'requires-action',
};

/**
 * The payment page's action: pays with a test card. A declined card fails the payment (the
 * buyer may try another); a card that requires action answers so, and the same card sent again
 * stands for the buyer having passed the bank's check. Any other number is declined.
 */
export async function payWithCard(db: Knex, settings: DeliverySettings, paymentId: string, cardNumber: string) {
  const result = await db.transaction(async (trx) => {
    const payment = await findPayment(trx, paymentId, { lock: true });
    if (!payment) throw notFound('CHECKOUT_NOT_FOUND', 'No such payment.');
    if (payment.status === 'succeeded') return { paymentId, status: 'succeeded' as const };
    const outcome = cards[cardNumber.replaceAll(' ', '')] ?? 'declined';
    if (outcome === 'declined') {
      await queueWebhook(trx, settings, 'payment_intent.payment_failed', { ...intentObject(payment), last_payment_error: { code: 'card_declined' } });
      return { paymentId, status: 'declined' as const };
    }
    if (outcome === 'requires-action' && payment.status !== 'requires_action') {
      await setPaymentStatus(trx, paymentId, 'requires_action');
      return { paymentId, status: 'requires_action' as const };
    }
    await setPaymentStatus(trx, paymentId, 'succeeded');
    const succeeded = { ...payment, status: 'succeeded' };
    await queueWebhook(trx, settings, 'charge.succeeded', {
      id: `ch_${payment.id.slice(3)}`,
      object: 'charge',
      amount: payment.amountCents,
      currency: payment.currency,
      payment_intent: payment.id,
    });
    await queueWebhook(trx, settings, 'payment_intent.succeeded', intentObject(succeeded));
    return { paymentId, status: 'succeeded' as const };
  });
  // Refused after the commit: the provider's webhook of the decline is on its way all the same.
  if (result.status === 'declined')
    throw new AppError({ code: 'CARD_DECLINED', message: 'Your card was declined.', details: { declineCode: 'generic_decline' } });
  return { paymentId, status: result.status };
}
