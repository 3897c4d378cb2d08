import type { WindowRecord } from '../window.js';
import type { EffectRow, SinkMail } from './effects.js';
import type { Stores } from './stores.js';

/** The payment lines of the report, in its order. */
export const paymentLines = {
  purchases: 'enrollment by purchase per paid order',
  refunds: 'refunded enrollment per refunded order',
  receipts: 'receipt mail per paid order (in the SMTP sink)',
} as const;

/** The subject of the receipt mail of an order paid (services/notification/src/templates/order-receipt.ts). */
const RECEIPT_SUBJECT = /^Your receipt for /;

/**
 * One consequence expected once per order: the orders that call for it, and for each order the
 * event ids that carry it and whether the owner's state shows it. Events for orders that do not
 * call for it are duplicates too: something applied without its cause.
 */
function oncePerOrder(
  effect: string,
  orders: readonly string[],
  eventIds: Map<string, Set<string | undefined>>,
  inState: (orderId: string) => boolean,
  lists: { duplicates: string[]; missing: string[] },
): EffectRow {
  const row: EffectRow = { effect, expected: orders.length, found: 0, duplicates: 0, missing: 0 };
  const wanted = new Set(orders);
  for (const orderId of orders) {
    const ids = eventIds.get(orderId)?.size ?? 0;
    if (ids > 1) {
      row.duplicates += ids - 1;
      lists.duplicates.push(`${effect}: order ${orderId} under ${ids} event ids`);
    }
    if (ids > 0 && inState(orderId)) row.found += 1;
    else {
      row.missing += 1;
      lists.missing.push(`${effect}: order ${orderId} has ${ids === 0 ? 'no event' : 'an event but no such state'}`);
    }
  }
  for (const [orderId, ids] of eventIds) {
    if (wanted.has(orderId)) continue;
    row.duplicates += ids.size;
    lists.duplicates.push(`${effect}: order ${orderId} is not one that calls for it, yet has ${ids.size} event ids`);
  }
  return row;
}

/** Event ids per order of a topic's records of the run's learners, the records kept by `keep`. */
function idsPerOrder(window: readonly WindowRecord[], topic: string, userIds: Set<string>, keep: (value: Record<string, unknown>) => boolean) {
  const perOrder = new Map<string, Set<string | undefined>>();
  for (const record of window) {
    if (record.topic !== topic || !record.value || !userIds.has(String(record.value.studentId)) || !keep(record.value)) continue;
    const orderId = String(record.value.orderId);
    perOrder.set(orderId, (perOrder.get(orderId) ?? new Set()).add(record.eventId));
  }
  return perOrder;
}

/**
 * The payment lines: each paid order made one enrollment by purchase (its `enrollment.created`
 * with source `purchase` and the enrollment row that names the order), each refunded order ended
 * its enrollment once (`enrollment.refunded` and status `refunded`), and each paid order's buyer
 * got one receipt mail in the SMTP sink.
 */
export function auditPayments(
  window: readonly WindowRecord[],
  stores: Stores,
  mails: readonly SinkMail[],
): { rows: EffectRow[]; duplicates: string[]; missing: string[] } {
  const lists = { duplicates: [] as string[], missing: [] as string[] };
  const userIds = new Set([...stores.users.values()].map((user) => user.id));
  const orders = [...stores.orders.values()];
  const paid = orders.filter((order) => ['paid', 'refunded'].includes(order.status)).map((order) => order.id);
  const refunded = orders.filter((order) => order.status === 'refunded').map((order) => order.id);
  const enrollmentOf = (orderId: string) => [...stores.enrollments.values()].find((enrollment) => enrollment.orderId === orderId);

  const purchases = oncePerOrder(
    paymentLines.purchases,
    paid,
    idsPerOrder(window, 'enrollment.created', userIds, (value) => value.source === 'purchase'),
    (orderId) => enrollmentOf(orderId) !== undefined,
    lists,
  );
  const refunds = oncePerOrder(
    paymentLines.refunds,
    refunded,
    idsPerOrder(window, 'enrollment.refunded', userIds, () => true),
    (orderId) => enrollmentOf(orderId)?.status === 'refunded',
    lists,
  );

  // A buyer buys once in a run: the receipts in the sink are counted per buyer's address.
  const emailOf = new Map([...stores.users].map(([email, user]) => [user.id, email.toLowerCase()]));
  const receiptsTo = new Map<string, number>();
  for (const mail of mails.filter((candidate) => RECEIPT_SUBJECT.test(candidate.subject)))
    for (const to of mail.to) receiptsTo.set(to.address.toLowerCase(), (receiptsTo.get(to.address.toLowerCase()) ?? 0) + 1);
  const receipts: EffectRow = { effect: paymentLines.receipts, expected: paid.length, found: 0, duplicates: 0, missing: 0 };
  for (const orderId of paid) {
    const address = emailOf.get(stores.orders.get(orderId)!.studentId) ?? '';
    const count = receiptsTo.get(address) ?? 0;
    if (count > 1) {
      receipts.duplicates += count - 1;
      lists.duplicates.push(`${count} receipt mails for order ${orderId} to ${address}`);
    }
    if (count > 0) receipts.found += 1;
    else {
      receipts.missing += 1;
      lists.missing.push(`no receipt mail for order ${orderId} to ${address}`);
    }
  }
  return { rows: [purchases, refunds, receipts], ...lists };
}
