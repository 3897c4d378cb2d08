import { messageStoreJobs, type Knex, type ObjectStore, type ScheduledJob } from '@smartcourse/platform';
import type { Config } from './config.js';
import { cleanupJob } from './files/cleanup.js';
import { renditionBackfillJob } from './renditions/backfill.js';
import type { Renditions } from './renditions/make.js';
import type { ResumableUploads } from './uploads/resumable.js';

/** Every scheduled job of this service: name, cron (UTC), what it does. */
export function jobs(deps: { db: Knex; store: ObjectStore; uploads: ResumableUploads; renditions: Renditions }, config: Config): ScheduledJob[] {
  return [
    renditionBackfillJob(deps),
    cleanupJob(deps, { cron: config.MEDIA_CLEANUP_CRON, abandonedAfterSeconds: config.MEDIA_ABANDONED_UPLOAD_SECONDS }),
    ...messageStoreJobs(deps.db, config),
  ];
}
