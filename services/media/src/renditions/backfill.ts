import { job, type Knex, type ScheduledJob } from '@smartcourse/platform';
import { awaitingRendition } from '../files/store.js';
import { hasRendition, type Renditions } from './make.js';

const BATCH = 20;
/** A rendition made right after its upload is normally done by then. */
const GRACE_MS = 60_000;

/** Makes the renditions that were not made after their upload (the process stopped, the store was down). */
export function renditionBackfillJob(deps: { db: Knex; renditions: Renditions }): ScheduledJob {
  return job('make-renditions', '* * * * *', async ({ signal }) => {
    let made = 0;
    for (const file of await awaitingRendition(deps.db, new Date(Date.now() - GRACE_MS), BATCH)) {
      if (signal.aborted) break;
      if (!hasRendition(file.contentType)) continue;
      await deps.renditions.make(file);
      made += 1;
    }
    return { made };
  });
}
