import type { Express } from 'express';
import type { Knex } from '@smartcourse/platform';
import { couponRoutes } from './coupons/routes.js';
import type { OrderDeps } from './orders/placing.js';
import { orderRoutes } from './orders/routes.js';
import { fakeCheckoutRoutes } from './providers/fake/routes.js';
import type { DeliverySettings } from './providers/fake/webhooks.js';
import type { RefundPolicy } from './refunds/rules.js';
import { revenueRoutes } from './revenue/routes.js';
import type { WebhookDeps } from './webhooks/handling.js';
import { webhookRoutes } from './webhooks/routes.js';

/** The internal HTTP API: orders, refunds and receipts, coupons, revenue, providers' webhooks, and the fake provider's page. */
export function apiRoutes(
  deps: OrderDeps & WebhookDeps & { policy: RefundPolicy; fake: { db: Knex; delivery: DeliverySettings; checkoutBaseUrl: string } | undefined },
) {
  return (app: Express) => {
    app.use(orderRoutes(deps));
    app.use(couponRoutes(deps));
    app.use(revenueRoutes(deps));
    app.use(webhookRoutes(deps));
    if (deps.fake) app.use(fakeCheckoutRoutes(deps.fake));
  };
}
