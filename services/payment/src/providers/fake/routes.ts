import { Router } from 'express';
import { CheckoutPageEndpoint, PayEndpoint } from '@smartcourse/contracts';
import { notFound, serveEndpoint, type Knex } from '@smartcourse/platform';
import { payWithCard } from './checkout.js';
import { checkoutPage } from './page.js';
import { findPayment } from './store.js';
import type { DeliverySettings } from './webhooks.js';

/** The fake provider's payment page and its action, reached through the gateway like a provider's hosted page. */
export function fakeCheckoutRoutes(deps: { db: Knex; delivery: DeliverySettings; checkoutBaseUrl: string }): Router {
  const router = Router();
  serveEndpoint(router, CheckoutPageEndpoint, async ({ params }, res) => {
    const payment = await findPayment(deps.db, params.paymentId);
    if (!payment) throw notFound('CHECKOUT_NOT_FOUND', 'No such payment.');
    res.type('html').send(checkoutPage(payment, `${deps.checkoutBaseUrl}/${payment.id}`));
  });
  serveEndpoint(router, PayEndpoint, async ({ params, body }, res) => {
    res.json({ data: await payWithCard(deps.db, deps.delivery, params.paymentId, body.cardNumber) });
  });
  return router;
}
