import { randomUUID } from 'node:crypto';
import { eventRecord, type MessageContext, type OutgoingRecord } from '@smartcourse/platform';
import type { OrderRow } from './store.js';

export const SERVICE = 'payment';

/** Ids and amounts only: never a card, a client secret or a provider token. */
const parties = (order: OrderRow) => ({ orderId: order.id, studentId: order.studentId, courseId: order.courseId, instructorId: order.instructorId });

export function placedEvent(order: OrderRow, context: MessageContext): OutgoingRecord {
  return eventRecord(
    'order.placed',
    {
      eventId: randomUUID(),
      occurredAt: order.placedAt.getTime(),
      ...parties(order),
      amountCents: order.amountCents,
      currency: order.currency,
      discountCents: order.discountCents,
      couponId: order.couponId,
      provider: order.provider,
    },
    { service: SERVICE, key: order.id, context },
  );
}

export function paidEvent(order: OrderRow, context: MessageContext): OutgoingRecord {
  const paidAt = order.paidAt ?? new Date();
  return eventRecord(
    'order.paid',
    {
      eventId: randomUUID(),
      occurredAt: paidAt.getTime(),
      ...parties(order),
      amountCents: order.amountCents,
      currency: order.currency,
      provider: order.provider,
      paidAt: paidAt.getTime(),
    },
    { service: SERVICE, key: order.id, context },
  );
}

export function refundedEvent(order: OrderRow, refund: { id: string; amountCents: number; initiatedBy: string }, context: MessageContext): OutgoingRecord {
  const refundedAt = order.refundedAt ?? new Date();
  return eventRecord(
    'order.refunded',
    {
      eventId: randomUUID(),
      occurredAt: refundedAt.getTime(),
      ...parties(order),
      refundId: refund.id,
      amountCents: refund.amountCents,
      currency: order.currency,
      initiatedBy: refund.initiatedBy,
      refundedAt: refundedAt.getTime(),
    },
    { service: SERVICE, key: order.id, context },
  );
}

export function failedEvent(order: OrderRow, context: MessageContext): OutgoingRecord {
  const failedAt = order.failedAt ?? new Date();
  return eventRecord(
    'order.failed',
    { eventId: randomUUID(), occurredAt: failedAt.getTime(), ...parties(order), reason: order.failureReason ?? 'declined', failedAt: failedAt.getTime() },
    { service: SERVICE, key: order.id, context },
  );
}
