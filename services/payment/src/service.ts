import { type PostgresService, postgresServiceBase } from '@smartcourse/platform';
import { migrations } from '../migrations/index.js';
import { apiRoutes } from './api.js';
import type { Config } from './config.js';
import { jobs } from './jobs.js';
import { SERVICE } from './orders/events.js';
import { fakeProvider } from './providers/fake/provider.js';
import { webhookDeliverer } from './providers/fake/webhooks.js';
import { subscriptions } from './subscriptions.js';

/** The payment service: orders, their payment at the provider, refunds, coupons and receipts. */
export function paymentService(config: Config): PostgresService {
  return {
    ...postgresServiceBase(SERVICE, config, migrations),
    async wire({ db, pipeline, logger }) {
      const delivery = {
        url: config.FAKE_PROVIDER_WEBHOOK_URL ?? `${config.PUBLIC_APP_URL}/api/payments/webhooks/fake`,
        secret: config.FAKE_PROVIDER_WEBHOOK_SECRET,
        maxDelayMs: config.FAKE_PROVIDER_MAX_DELAY_MS,
        repeats: config.FAKE_PROVIDER_REPEATS,
      };
      const checkoutBaseUrl = `${config.PUBLIC_APP_URL}/api/payments/fake/checkout`;
      const provider = fakeProvider(db, { ...delivery, checkoutBaseUrl });
      const deliverer = webhookDeliverer(db, delivery, logger.child({ component: 'fake-provider' }));
      deliverer.start();
      const writer = { db, relay: pipeline.relay };
      return {
        subscriptions: subscriptions(pipeline),
        jobs: jobs(writer, config),
        close: [{ name: 'fake provider webhooks', run: () => deliverer.stop() }],
        routes: apiRoutes({
          ...writer,
          provider,
          providers: new Map([[provider.name, provider]]),
          log: logger,
          orderTtlMinutes: config.PAYMENT_ORDER_TTL_MINUTES,
          policy: { windowDays: config.PAYMENT_REFUND_WINDOW_DAYS, maxPercent: config.PAYMENT_REFUND_MAX_PERCENT },
          fake: { db, delivery, checkoutBaseUrl },
        }),
      };
    },
  };
}
