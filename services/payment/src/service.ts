import { type PostgresService, postgresServiceBase } from '@smartcourse/platform';
import { migrations } from '../migrations/index.js';
import { apiRoutes } from './api.js';
import type { Config } from './config.js';
import { jobs } from './jobs.js';
import { SERVICE } from './orders/events.js';
import { fakeProvider } from './providers/fake/provider.js';
import { webhookDeliverer } from './providers/fake/webhooks.js';
import { stripeProvider } from './providers/stripe.js';
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
      const fake = config.PAYMENT_PROVIDER === 'fake';
      const provider = fake ? fakeProvider(db, { ...delivery, checkoutBaseUrl }) : stripeProvider(stripeSettings(config));
      // The fake provider's side of the wire: it sends its webhooks from this process.
      const deliverer = fake ? webhookDeliverer(db, delivery, logger.child({ component: 'fake-provider' })) : undefined;
      deliverer?.start();
      const writer = { db, relay: pipeline.relay };
      return {
        subscriptions: subscriptions(pipeline),
        jobs: jobs(writer, config),
        close: deliverer ? [{ name: 'fake provider webhooks', run: () => deliverer.stop() }] : [],
        routes: apiRoutes({
          ...writer,
          provider,
          providers: new Map([[provider.name, provider]]),
          log: logger,
          orderTtlMinutes: config.PAYMENT_ORDER_TTL_MINUTES,
          policy: { windowDays: config.PAYMENT_REFUND_WINDOW_DAYS, maxPercent: config.PAYMENT_REFUND_MAX_PERCENT },
          fake: fake ? { db, delivery, checkoutBaseUrl } : undefined,
        }),
      };
    },
  };
}

/** The Stripe adapter's settings: the config schema refuses PAYMENT_PROVIDER=stripe without its secrets. */
function stripeSettings(config: Config) {
  const { STRIPE_SECRET_KEY: secretKey, STRIPE_WEBHOOK_SECRET: webhookSecret, STRIPE_API_URL: apiUrl } = config;
  if (!secretKey || !webhookSecret) throw new Error('PAYMENT_PROVIDER=stripe needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET');
  return { secretKey, webhookSecret, ...(apiUrl ? { apiUrl } : {}) };
}
