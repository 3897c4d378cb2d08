import { daysAgo, job, purgeInBatches, type ScheduledJob } from '@smartcourse/platform';
import type { Config } from './config.js';
import { deleteFinishedDeliveries, type DeliveryModel } from './deliveries/store.js';
import { deleteOldEntries, type InboxModels } from './inbox/store.js';

/** Every scheduled job of this service: name, cron (UTC), what it does. */
export function jobs(stores: { deliveries: DeliveryModel; inbox: InboxModels }, config: Config): ScheduledJob[] {
  const batchSize = config.PURGE_BATCH_SIZE;
  return [
    job('purge-deliveries', '37 2 * * *', async ({ signal }) => ({
      deliveries: await purgeInBatches((limit) => deleteFinishedDeliveries(stores.deliveries, daysAgo(config.DELIVERY_RETENTION_DAYS), limit), {
        batchSize,
        signal,
      }),
    })),
    job('purge-inbox-entries', '47 2 * * *', async ({ signal }) => ({
      inboxEntries: await deleteOldEntries(stores.inbox, daysAgo(config.INBOX_ENTRY_RETENTION_DAYS), { batchSize, signal }),
    })),
  ];
}
