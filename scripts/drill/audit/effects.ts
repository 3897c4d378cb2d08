import type { WindowRecord } from '../window.js';
import type { Stores } from './stores.js';

export interface EffectRow {
  effect: string;
  expected: number;
  found: number;
  duplicates: number;
  missing: number;
}

/** A message MailDev holds: its Message-ID (without the angle brackets), subject and recipients. */
export interface SinkMail {
  messageId: string;
  subject: string;
  to: Array<{ address: string }>;
}

/** The events the notification service turns into notifications, and on which channels (services/notification/src/notifications/rules.ts). */
const notified: Record<string, Array<'email' | 'inApp'>> = {
  'user.registered': ['email', 'inApp'],
  'enrollment.created': ['email', 'inApp'],
  'lesson.completed': ['inApp'],
  'quiz.attempt_graded': ['email', 'inApp'],
  'enrollment.completed': ['email', 'inApp'],
  'certificate.issued': ['email', 'inApp'],
  'order.paid': ['email', 'inApp'],
  'order.refunded': ['email', 'inApp'],
};
const done: Record<string, string[]> = { email: ['sent', 'suppressed'], inApp: ['delivered', 'suppressed'] };

/** What the consumers made of the run: one certificate per completed enrollment, one notification per event and channel, one mail per delivery. */
export function auditEffects(
  window: readonly WindowRecord[],
  stores: Stores,
  mails: readonly SinkMail[],
): { rows: EffectRow[]; duplicates: string[]; missing: string[] } {
  const duplicates: string[] = [];
  const missing: string[] = [];
  const userIds = new Set([...stores.users.values()].map((user) => user.id));

  const completed = [...stores.enrollments.values()].filter((enrollment) => enrollment.status === 'completed');
  const perEnrollment = new Map<string, number>();
  for (const certificate of stores.certificates) perEnrollment.set(certificate.enrollmentId, (perEnrollment.get(certificate.enrollmentId) ?? 0) + 1);
  let certificateDuplicates = 0;
  for (const [enrollmentId, count] of perEnrollment) {
    if (count > 1) {
      certificateDuplicates += count - 1;
      duplicates.push(`${count} certificates for enrollment ${enrollmentId}`);
    }
  }
  const uncertified = completed.filter((enrollment) => !perEnrollment.has(enrollment.id));
  for (const enrollment of uncertified) missing.push(`no certificate for completed enrollment ${enrollment.id}`);

  // Every event of a learner that notifies: a finished delivery per channel.
  const byKey = new Map<string, Array<(typeof stores.deliveries)[number]>>();
  for (const delivery of stores.deliveries) {
    const key = `${delivery.eventId}:${delivery.channel}:${delivery.userId}`;
    byKey.set(key, [...(byKey.get(key) ?? []), delivery]);
  }
  const expectedDeliveries = new Map<string, string>();
  for (const record of window) {
    const channels = notified[record.topic];
    const recipient = String(record.value?.studentId ?? record.value?.userId ?? '');
    if (!channels || !record.eventId || !userIds.has(recipient)) continue;
    for (const channel of channels) expectedDeliveries.set(`${record.eventId}:${channel}:${recipient}`, record.topic);
  }
  let deliveryDuplicates = 0;
  let undelivered = 0;
  for (const [key, topic] of expectedDeliveries) {
    const found = byKey.get(key) ?? [];
    const channel = key.split(':')[1]!;
    if (found.length > 1) {
      deliveryDuplicates += found.length - 1;
      duplicates.push(`${found.length} deliveries for ${topic} ${key}`);
    }
    if (!found.some((delivery) => done[channel]!.includes(delivery.status))) {
      undelivered += 1;
      missing.push(`${topic} ${key}: ${found.length === 0 ? 'no delivery' : `delivery ${found[0]!.status}`}`);
    }
  }

  // Mail: each sent delivery once in the sink, under its Message-ID.
  const copies = new Map<string, number>();
  for (const mail of mails) copies.set(mail.messageId, (copies.get(mail.messageId) ?? 0) + 1);
  const sent = stores.deliveries.filter(
    (delivery) => delivery.channel === 'email' && delivery.status === 'sent' && expectedDeliveries.has(`${delivery.eventId}:email:${delivery.userId}`),
  );
  let mailDuplicates = 0;
  let unmailed = 0;
  for (const delivery of sent) {
    const count = copies.get(`${delivery.id}@notifications.smartcourse`) ?? 0;
    if (count > 1) {
      mailDuplicates += count - 1;
      duplicates.push(`${count} mails for delivery ${delivery.id} (event ${delivery.eventId})`);
    }
    if (count === 0) {
      unmailed += 1;
      missing.push(`delivery ${delivery.id} (event ${delivery.eventId}) is sent but not in the mail sink`);
    }
  }

  return {
    rows: [
      {
        effect: 'certificate per completed enrollment',
        expected: completed.length,
        found: perEnrollment.size,
        duplicates: certificateDuplicates,
        missing: uncertified.length,
      },
      {
        effect: 'notification per event and channel',
        expected: expectedDeliveries.size,
        found: expectedDeliveries.size - undelivered,
        duplicates: deliveryDuplicates,
        missing: undelivered,
      },
      {
        effect: 'mail per sent delivery (in the SMTP sink)',
        expected: sent.length,
        found: sent.length - unmailed,
        duplicates: mailDuplicates,
        missing: unmailed,
      },
    ],
    duplicates,
    missing,
  };
}
