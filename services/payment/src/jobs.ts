import { messageStoreJobs, type ScheduledJob, type Writer } from '@smartcourse/platform';
import type { Config } from './config.js';
import { expiryJob } from './orders/expiry.js';

/** Every scheduled job of this service: name, cron (UTC), what it does. */
export function jobs(writer: Writer, config: Config): ScheduledJob[] {
  return [expiryJob(writer, config.PAYMENT_EXPIRY_CRON), ...messageStoreJobs(writer.db, config)];
}
