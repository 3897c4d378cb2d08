import { createHmac } from 'node:crypto';
import { env } from './env.js';
import { eventually } from './eventually.js';
import { api } from './http.js';

/** The fake provider's signing secret: its development default, unless the run sets another. */
export const FAKE_WEBHOOK_SECRET = process.env.FAKE_PROVIDER_WEBHOOK_SECRET ?? 'whsec_local_fake_provider_secret';

/** Stripe's `Stripe-Signature` over `body` (`t=<seconds>,v1=<HMAC-SHA256 of "t.body">`), as the provider signs. */
export function stripeSignature(body: string, secret = FAKE_WEBHOOK_SECRET, at = Date.now()): string {
  const seconds = Math.floor(at / 1000);
  return `t=${seconds},v1=${createHmac('sha256', secret).update(`${seconds}.${body}`).digest('hex')}`;
}

/** Delivers a webhook to the fake provider's endpoint through the gateway, as the provider would. */
export const deliverWebhook = (body: string, signature?: string) =>
  fetch(`${env.gatewayUrl}/api/payments/webhooks/fake`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'stripe-signature': signature } : {}) },
    body,
  });

export interface PlacedOrder {
  id: string;
  amountCents: number;
  currency: string;
  checkout: { url: string };
}

/** Places an order for a paid course, once the payment service has the course from its publication. */
export async function placeOrder(token: string, courseId: string): Promise<PlacedOrder> {
  const placed = await eventually(
    () => api('POST', '/api/orders', { token, body: { courseId } }),
    (answer) => answer.status === 201,
    30_000,
  );
  if (placed.status !== 201) throw new Error(`placing the order answered ${placed.status}: ${JSON.stringify(placed.body)}`);
  return placed.body.data as PlacedOrder;
}

/** The fake provider's payment id of an order: the last part of its payment page's address. */
export const paymentIdOf = (order: PlacedOrder) => new URL(order.checkout.url).pathname.split('/').pop()!;

/** Pays an order at the fake provider's payment page with Stripe's test card that succeeds. */
export async function payAtProvider(order: PlacedOrder): Promise<void> {
  const paid = await api('POST', new URL(order.checkout.url).pathname, { body: { cardNumber: '4242424242424242' } });
  if (paid.status !== 200) throw new Error(`the payment page answered ${paid.status}: ${JSON.stringify(paid.body)}`);
}
