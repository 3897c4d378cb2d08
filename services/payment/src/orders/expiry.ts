import { inTransaction, job, newContext, type ScheduledJob, type Writer } from '@smartcourse/platform';
import { failedEvent } from './events.js';
import { duePendingOrders, setStatus } from './store.js';

const BATCH = 200;

/**
 * Expires orders left unpaid past their time (`order.failed`, reason expired), which gives a
 * coupon's use back. A payment that still comes later pays the order all the same.
 */
export function expiryJob(writer: Writer, cron: string): ScheduledJob {
  return job('expire-orders', cron, async ({ signal }) => {
    let expired = 0;
    for (;;) {
      signal.throwIfAborted();
      const batch = await inTransaction(writer, async ({ trx, emit }) => {
        const due = await duePendingOrders(trx, new Date(), BATCH);
        const context = newContext();
        for (const order of due) emit(failedEvent(await setStatus(trx, order.id, { status: 'expired', at: new Date(), reason: 'expired' }), context));
        return due.length;
      });
      expired += batch;
      if (batch < BATCH) return { expired };
    }
  });
}
