import { messageStoreJobs, type Knex, type ScheduledJob } from '@smartcourse/platform';
import type { Config } from './config.js';

/** Every scheduled job of this service: name, cron (UTC), what it does. */
export function jobs(db: Knex, config: Config): ScheduledJob[] {
  return messageStoreJobs(db, config);
}
