import { job, type Knex, type ObjectStore, type ScheduledJob } from '@smartcourse/platform';
import { abandonedUploads, contentToRemove, forgetUpload, markContentRemoved, type FileRow } from './store.js';

const BATCH = 100;

/**
 * Removes the bytes nobody will read: those of deleted files, uploads abandoned midway (their
 * process died, or their client went and the process could not clean up), and resumable uploads
 * not resumed within the abandonment delay. The row goes after its
 * bytes, so a run stopped halfway leaves nothing unknown in the store; the next run goes on.
 */
export function cleanupJob(
  deps: { db: Knex; store: ObjectStore; uploads: { removeExpired(): Promise<number> } },
  settings: { cron: string; abandonedAfterSeconds: number },
): ScheduledJob {
  return job('remove-content', settings.cron, async ({ signal }) => {
    let abandoned = 0;
    let removed = 0;
    const before = new Date(Date.now() - settings.abandonedAfterSeconds * 1000);
    for (
      let batch = await abandonedUploads(deps.db, before, BATCH);
      batch.length > 0 && !signal.aborted;
      batch = await abandonedUploads(deps.db, before, BATCH)
    ) {
      for (const file of batch) {
        await removeBytes(deps.store, file);
        await forgetUpload(deps.db, file.id);
        abandoned += 1;
      }
    }
    for (let batch = await contentToRemove(deps.db, BATCH); batch.length > 0 && !signal.aborted; batch = await contentToRemove(deps.db, BATCH)) {
      for (const file of batch) {
        await removeBytes(deps.store, file);
        await markContentRemoved(deps.db, file.id, new Date());
        removed += 1;
      }
    }
    const partial = await deps.uploads.removeExpired();
    return { abandoned, removed, partial };
  });
}

async function removeBytes(store: ObjectStore, file: FileRow): Promise<void> {
  await store.remove(file.storageKey);
  if (file.previewKey) await store.remove(file.previewKey);
}
