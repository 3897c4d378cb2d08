import { z } from 'zod';
import { baseConfig, developmentSecret, jobsConfig, loadConfig, mailConfig, port } from '@smartcourse/platform';
import { processSpec } from '@smartcourse/contracts';

export const config = loadConfig(
  z
    .object({
      ...baseConfig,
      MONGO_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'expected a mongodb:// URL').default('mongodb://127.0.0.1:27017'),
      /** The notification service's own database on the document store. */
      NOTIFICATION_DB_NAME: z.string().default('smartcourse_notification'),
      ...mailConfig,
      NOTIFICATION_HTTP_PORT: port.default(processSpec('notification').port),
      NOTIFICATION_HTTP_HOST: z.string().default('127.0.0.1'),
      /** Live pushes go to the gateways through Redis pub/sub. */
      REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
      /** The public address of the platform: links in mail and the unsubscribe URLs. */
      PUBLIC_APP_URL: z.url().default('http://127.0.0.1:3000'),
      /** Signs the one-click unsubscribe tokens. */
      NOTIFICATION_UNSUBSCRIBE_SECRET: developmentSecret(z.string().min(32), 'local-unsubscribe-secret-change-me-please'),
      /** Idle wait of the mail dispatcher between looks for due mail. */
      MAIL_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
      /** Mails sent at once. */
      MAIL_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
      /** Backoff between attempts of one mail while SMTP fails (attempts are unlimited). */
      MAIL_RETRY_INITIAL_MS: z.coerce.number().int().min(50).default(500),
      MAIL_RETRY_MAX_MS: z.coerce.number().int().min(100).default(30_000),
      /** Mail about an older event is not sent (recorded as suppressed, `stale`): a rebuild from the topics sends no old news. */
      MAIL_MAX_EVENT_AGE_MS: z.coerce.number().int().min(0).default(7 * 24 * 3_600_000),
      /** How long a mail waits for its recipient's address to reach this service before it fails. */
      MAIL_RECIPIENT_WAIT_MS: z.coerce.number().int().min(0).default(3_600_000),
      ...jobsConfig,
      /** The scheduler's state (pg-boss) lives in this small Postgres database of the service's own: the document store cannot hold it. */
      NOTIFICATION_SCHEDULER_DATABASE_URL: z.url().default('postgres://smartcourse:smartcourse@127.0.0.1:5432/smartcourse_notification'),
      /** Finished deliveries (sent, delivered, suppressed, failed) are deleted this long after they were recorded. */
      DELIVERY_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
      /** Inbox entries older than this are deleted (each person's latest stays). */
      INBOX_ENTRY_RETENTION_DAYS: z.coerce.number().int().min(1).default(180),
    })
    // A delivery is what keeps a redelivered event from mailing twice: it must outlive the age past which old events are not mailed at all.
    .refine((c) => c.DELIVERY_RETENTION_DAYS * 86_400_000 > c.MAIL_MAX_EVENT_AGE_MS, { path: ['DELIVERY_RETENTION_DAYS'], message: 'must be longer than MAIL_MAX_EVENT_AGE_MS' }),
);

export type Config = typeof config;
