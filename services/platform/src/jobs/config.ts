import { z } from 'zod';
import type { SchedulerSettings } from './scheduler.js';

const days = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/** The scheduler's variables, in every service's config schema. */
export const jobsConfig = {
  JOBS_ENABLED: z.stringbool().default(true).describe('Off in a process that must not run scheduled jobs (another process of the service runs them).'),
  JOBS_SUPERVISE_INTERVAL_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3600)
    .default(60)
    .describe('How often a run whose process died (its heartbeat stopped) is found and retried.'),
  JOBS_CRON_INTERVAL_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(45)
    .default(30)
    .describe('How often a process checks whether a schedule is due (cron is to the minute).'),
  PURGE_BATCH_SIZE: z.coerce.number().int().min(1).max(100_000).default(1000).describe('Rows (documents) per delete statement of a purge.'),
};

/** Retention of the platform's message tables, in every Postgres service's config schema. */
export const messageRetentionConfig = {
  INBOX_RETENTION_DAYS: days(30).describe(
    'Inbox rows (handled message ids and command results) older than this are deleted: a redelivery older than that would be applied again.',
  ),
  OUTBOX_RETENTION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .default(24)
    .describe('Published outbox rows older than this are deleted in batches, whether or not a relay runs in this process (parked rows stay).'),
};

/** The scheduler's settings from a config parsed with `jobsConfig`, its state in the database at `url`. */
export function schedulerSettings(
  config: { JOBS_ENABLED: boolean; JOBS_SUPERVISE_INTERVAL_SECONDS: number; JOBS_CRON_INTERVAL_SECONDS: number },
  url: string,
): SchedulerSettings {
  return {
    url,
    enabled: config.JOBS_ENABLED,
    superviseIntervalSeconds: config.JOBS_SUPERVISE_INTERVAL_SECONDS,
    cronIntervalSeconds: config.JOBS_CRON_INTERVAL_SECONDS,
  };
}
