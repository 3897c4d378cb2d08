import { on, type Replica } from '@smartcourse/platform';
import { keepPaid, keepRefund } from './store.js';

/** Paid orders and refunds (minor units and currency), for revenue and refunds per course and per day. */
export const salesReplica: Replica = {
  name: 'sales',
  description: 'Paid orders and refunds, from the order topics.',
  tables: [
    { name: 'orders', key: ['order_id'] },
    { name: 'refunds', key: ['refund_id'] },
  ],
  listeners: [
    on('order.paid', (event, { trx }) => keepPaid(trx, { ...event, paidAt: new Date(event.paidAt) })),
    on('order.refunded', (event, { trx }) => keepRefund(trx, { ...event, refundedAt: new Date(event.refundedAt) })),
  ],
};
