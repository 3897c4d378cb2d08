import { z } from 'zod';
import {
  baseConfig,
  jobsConfig,
  developmentSecret,
  documentStoreConfig,
  mailConfig,
  placementConfig,
  publicUrlConfig,
  redisConfig,
} from '@smartcourse/platform';

/** The notification service's environment: parsed once by main.ts (loadConfig), documented from here. */
export const configSchema = z
  .object({
    ...baseConfig,
    ...placementConfig('notification'),
    ...documentStoreConfig,
    ...redisConfig,
    ...publicUrlConfig,
    ...mailConfig,
    ...jobsConfig,
    NOTIFICATION_UNSUBSCRIBE_SECRET: developmentSecret(
      z.string().min(32),
      'local-unsubscribe-secret-change-me-please',
      'Signs the one-click unsubscribe tokens (32 characters or more).',
    ),
    MAIL_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(1000).describe('Idle wait of the mail dispatcher between looks for due mail.'),
    MAIL_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4).describe('Mails sent at once.'),
    MAIL_RETRY_INITIAL_MS: z.coerce
      .number()
      .int()
      .min(50)
      .default(500)
      .describe('Backoff between attempts of one mail while SMTP fails (attempts are unlimited).'),
    MAIL_RETRY_MAX_MS: z.coerce.number().int().min(100).default(30_000).describe('The longest backoff between attempts of one mail.'),
    MAIL_MAX_EVENT_AGE_MS: z.coerce
      .number()
      .int()
      .min(0)
      .default(7 * 24 * 3_600_000)
      .describe('Mail about an older event is not sent (recorded as suppressed, `stale`): a rebuild from the topics sends no old news.'),
    MAIL_RECIPIENT_WAIT_MS: z.coerce
      .number()
      .int()
      .min(0)
      .default(3_600_000)
      .describe("How long a mail waits for its recipient's address to reach this service before it fails."),
    DELIVERY_RETENTION_DAYS: z.coerce
      .number()
      .int()
      .min(1)
      .default(30)
      .describe('Finished deliveries (sent, delivered, suppressed, failed) are deleted this long after they were recorded; longer than MAIL_MAX_EVENT_AGE_MS.'),
    INBOX_ENTRY_RETENTION_DAYS: z.coerce.number().int().min(1).default(180).describe("Inbox entries older than this are deleted (each person's latest stays)."),
  })
  // A delivery is what keeps a redelivered event from mailing twice: it must outlive the age past which old events are not mailed at all.
  .refine((c) => c.DELIVERY_RETENTION_DAYS * 86_400_000 > c.MAIL_MAX_EVENT_AGE_MS, {
    path: ['DELIVERY_RETENTION_DAYS'],
    message: 'must be longer than MAIL_MAX_EVENT_AGE_MS',
  });

export type Config = z.infer<typeof configSchema>;
