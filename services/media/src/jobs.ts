import { messageStoreJobs, type Knex, type ObjectStore, type ScheduledJob } from '@smartcourse/platform';
import type { Config } from './config.js';
import { cleanupJob } from './files/cleanup.js';

/** Every scheduled job of this service: name, cron (UTC), what it does. */
export function jobs(deps: { db: Knex; store: ObjectStore }, config: Config): ScheduledJob[] {
  return [
    cleanupJob(deps, { cron: config.MEDIA_CLEANUP_CRON, abandonedAfterSeconds: config.MEDIA_ABANDONED_UPLOAD_SECONDS }),
    ...messageStoreJobs(deps.db, config),
  ];
}
