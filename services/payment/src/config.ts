import { z } from 'zod';
import { baseConfig, developmentSecret, jobsConfig, messageRetentionConfig, outboxConfig, placementConfig, publicUrlConfig } from '@smartcourse/platform';

/** The payment service's environment: parsed once by main.ts (loadConfig), documented from here. */
export const configSchema = z
  .object({
    ...baseConfig,
    ...placementConfig('payment'),
    ...outboxConfig,
    ...jobsConfig,
    ...messageRetentionConfig,
    ...publicUrlConfig,
    PAYMENT_PROVIDER: z
      .enum(['fake', 'stripe'])
      .default('fake')
      .describe('Who takes the money: `fake` (inside the platform, offline: Stripe test card numbers, signed webhooks) or `stripe` (PaymentIntents).'),
    STRIPE_SECRET_KEY: z.string().min(1).optional().describe('The Stripe secret key (`sk_test_…` in test mode); required with PAYMENT_PROVIDER=stripe.'),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .min(1)
      .optional()
      .describe(
        "The signing secret of the Stripe webhook endpoint (`whsec_…`), that every webhook's Stripe-Signature is checked with; required with PAYMENT_PROVIDER=stripe.",
      ),
    STRIPE_API_URL: z.url().optional().describe('Another address for the Stripe API (stripe-mock locally); unset: Stripe itself.'),
    FAKE_PROVIDER_WEBHOOK_SECRET: developmentSecret(
      z.string().min(16),
      'whsec_local_fake_provider_secret',
      "The secret the fake provider signs its webhooks with (Stripe's scheme), and the service checks them with.",
    ),
    FAKE_PROVIDER_WEBHOOK_URL: z
      .url()
      .optional()
      .describe("Where the fake provider delivers its webhooks; unset: the gateway's `/api/payments/webhooks/fake` at PUBLIC_APP_URL."),
    FAKE_PROVIDER_MAX_DELAY_MS: z.coerce
      .number()
      .int()
      .min(0)
      .max(60_000)
      .default(1500)
      .describe('The fake provider delivers each webhook after a random delay up to this, so they come late and out of order.'),
    FAKE_PROVIDER_REPEATS: z.coerce.number().int().min(0).max(5).default(1).describe('How many more times the fake provider delivers each webhook.'),
    PAYMENT_ORDER_TTL_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .default(60)
      .describe('An order still unpaid this long after it was placed expires (`order.failed`, reason expired); a payment that comes later still counts.'),
    PAYMENT_REFUND_WINDOW_DAYS: z.coerce.number().int().min(0).default(14).describe('How long after payment the buyer may ask for a refund.'),
    PAYMENT_REFUND_MAX_PERCENT: z.coerce
      .number()
      .int()
      .min(0)
      .max(100)
      .default(30)
      .describe("The buyer's refund is refused once their progress in the course reached this percent."),
    PAYMENT_EXPIRY_CRON: z.string().min(1).default('*/5 * * * *').describe('When unpaid orders past PAYMENT_ORDER_TTL_MINUTES are expired.'),
  })
  .superRefine((config, ctx) => {
    if (config.PAYMENT_PROVIDER !== 'stripe') return;
    for (const name of ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'] as const) {
      if (!config[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'required with PAYMENT_PROVIDER=stripe' });
    }
  });

export type Config = z.infer<typeof configSchema>;
