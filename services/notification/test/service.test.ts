import { loadConfig } from '@smartcourse/platform';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mongoose, { type Connection } from 'mongoose';
import type { StartedService } from '@smartcourse/platform';
import { configSchema } from '../src/config.js';
import { notificationService } from '../src/service.js';
import { eventually } from '../../../test/support/eventually.js';
import { log, startInProcess } from '../../../test/support/in-process.js';
import { mailTo } from '../../../test/support/mail.js';
import { incoming } from '../../../test/support/messages.js';

const config = loadConfig(configSchema);

/**
 * The notification service in this process against the real document store, SMTP sink and
 * Redis: its handlers called directly (no consumer runs), its mail dispatcher and internal API live.
 */
const dbName = `notification_component_${randomUUID().slice(0, 8)}`;
let service: StartedService;
let handlerOf: (topic: string) => (message: ReturnType<typeof incoming>, log: never) => Promise<void>;
let mongo: Connection;

beforeAll(async () => {
  const started = await startInProcess(
    notificationService({ ...config, NOTIFICATION_HTTP_PORT: 0, LOG_LEVEL: 'silent', NOTIFICATION_DB_NAME: dbName, MAIL_POLL_INTERVAL_MS: 100 }),
  );
  service = started.service;
  handlerOf = started.handlerOf as typeof handlerOf;
  mongo = await mongoose.createConnection(config.MONGO_URL, { dbName }).asPromise();
}, 60_000);
afterAll(async () => {
  await service?.stop();
  await mongo?.dropDatabase();
  await mongo?.close();
});

const event = (topic: string, recordName: string, fields: object, key: string, eventId = randomUUID()) =>
  incoming(topic, `smartcourse.events.${recordName}`, { eventId, occurredAt: Date.now(), ...fields }, { key, id: eventId });

function person(label: string) {
  const userId = randomUUID();
  const email = `${label}-${userId}@example.test`;
  return {
    userId,
    email,
    registered: event('user.registered', 'user.UserRegistered', { userId, email, fullName: `${label} Person`, role: 'student', emailVerified: false }, userId),
  };
}

const call = async (path: string, userId: string, method = 'GET') => {
  const response = await fetch(`${service.url}${path}`, {
    method,
    headers: { 'x-internal-token': config.INTERNAL_API_TOKEN, 'x-actor-id': userId, 'x-actor-role': 'student' },
  });
  return { status: response.status, body: (await response.json()) as any };
};
const inboxOf = (userId: string) => mongo.collection('inbox').find({ userId }).toArray();
const deliveriesOf = (userId: string) => mongo.collection('deliveries').find({ userId }).toArray();
/** Once a later mail is in, an earlier wrong one would be too. */
async function controlMail(): Promise<void> {
  const control = person('control');
  await handlerOf('user.registered')(control.registered, log);
  await eventually(
    () => mailTo(control.email),
    (found) => found.length === 1,
    20_000,
  );
}

describe('the notification service, in process', () => {
  it('sends one welcome mail and keeps one inbox entry per event, however often it comes', async () => {
    const ada = person('Ada');
    await handlerOf('user.registered')(ada.registered, log);
    await handlerOf('user.registered')(ada.registered, log);
    const mail = await eventually(
      () => mailTo(ada.email),
      (found) => found.length > 0,
      20_000,
    );
    await controlMail();
    expect(await mailTo(ada.email)).toHaveLength(1);
    expect(mail[0]!.subject).toBe('Welcome to SmartCourse');
    expect(mail[0]!.text).toContain('Ada Person');

    const inbox = await call('/internal/notifications', ada.userId);
    expect(inbox.body.data).toEqual([expect.objectContaining({ kind: 'welcome', category: 'account', read: false, seq: 1 })]);
    expect((await call('/internal/notifications/unread-count', ada.userId)).body.data.count).toBe(1);
    const read = await call(`/internal/notifications/${inbox.body.data[0].id}/read`, ada.userId, 'POST');
    expect(read.body.data.count).toBe(0);
    expect((await call(`/internal/notifications/${inbox.body.data[0].id}/read`, randomUUID(), 'POST')).status).toBe(404);
    expect((await call('/internal/notifications?unread=true', ada.userId)).body.data).toEqual([]);
    const delivery = (await deliveriesOf(ada.userId)).find((row) => row.channel === 'email');
    expect(delivery).toMatchObject({ status: 'sent', attempts: 1, category: 'account' });
  });

  it('notifies every student of an archived course, not a dropped one, in the inbox and by mail', async () => {
    const courseId = randomUUID();
    await handlerOf('course.published')(
      event(
        'course.published',
        'course.CoursePublished',
        {
          courseId,
          instructorId: randomUUID(),
          slug: 's',
          title: 'Pottery',
          summary: 's',
          category: null,
          tags: [],
          level: 'beginner',
          language: 'en',
          priceCents: 0,
          currency: 'EUR',
          structureVersion: 1,
        },
        courseId,
      ),
      log,
    );
    const [staying, leaving] = [person('Staying'), person('Leaving')];
    for (const student of [staying, leaving]) {
      await handlerOf('user.registered')(student.registered, log);
      await handlerOf('enrollment.created')(
        event(
          'enrollment.created',
          'enrollment.EnrollmentCreated',
          { enrollmentId: randomUUID(), studentId: student.userId, courseId, version: 1, enrolledAt: Date.now() },
          student.userId,
        ),
        log,
      );
    }
    const leavingEnrollment = (await mongo.collection('enrollments').findOne({ studentId: leaving.userId }))!;
    await handlerOf('enrollment.dropped')(
      event(
        'enrollment.dropped',
        'enrollment.EnrollmentDropped',
        { enrollmentId: leavingEnrollment.enrollmentId, studentId: leaving.userId, courseId, version: 2, by: leaving.userId },
        leaving.userId,
      ),
      log,
    );
    const archived = event('course.archived', 'course.CourseArchived', { courseId, instructorId: randomUUID(), by: randomUUID() }, courseId);
    await handlerOf('course.archived')(archived, log);
    await handlerOf('course.archived')(archived, log);

    const kinds = async (userId: string) => (await inboxOf(userId)).map((entry) => entry.kind).sort();
    expect(await kinds(staying.userId)).toEqual(['course-archived', 'enrolled', 'welcome']);
    expect(await kinds(leaving.userId)).toEqual(['enrolled', 'welcome']);
    const archivedMail = await eventually(
      async () => (await mailTo(staying.email)).filter((m) => m.subject.includes('Pottery') && m.text.includes('archived')),
      (found) => found.length > 0,
      20_000,
    );
    expect(archivedMail).toHaveLength(1);
  });

  it('purges the person on erasure, and a registration handled after the erasure stores and sends nothing', async () => {
    const grace = person('Grace');
    await handlerOf('user.registered')(grace.registered, log);
    await eventually(
      () => mailTo(grace.email),
      (found) => found.length > 0,
      20_000,
    );
    await handlerOf('user.erased')(event('user.erased', 'user.UserErased', { userId: grace.userId, by: grace.userId }, grace.userId), log);
    expect(await inboxOf(grace.userId)).toEqual([]);
    expect(await deliveriesOf(grace.userId)).toEqual([]);
    expect(await mongo.collection('recipients').findOne({ userId: grace.userId })).toBeNull();

    const late = person('Late');
    await handlerOf('user.erased')(event('user.erased', 'user.UserErased', { userId: late.userId, by: late.userId }, late.userId), log);
    await handlerOf('user.registered')(late.registered, log);
    await controlMail();
    expect(await mailTo(late.email)).toEqual([]);
    expect(await inboxOf(late.userId)).toEqual([]);
    expect(await mongo.collection('recipients').findOne({ userId: late.userId })).toBeNull();
  });

  it('order.paid twice: one receipt mail with the amount and the receipt link, one inbox entry; refund mailed, failure in the inbox only', async () => {
    const courseId = randomUUID();
    await handlerOf('course.published')(
      event(
        'course.published',
        'course.CoursePublished',
        {
          courseId,
          instructorId: randomUUID(),
          slug: 'glazes',
          title: 'Glazes',
          summary: 's',
          category: null,
          tags: [],
          level: 'beginner',
          language: 'en',
          priceCents: 4900,
          currency: 'EUR',
          structureVersion: 1,
        },
        courseId,
      ),
      log,
    );
    const buyer = person('Buyer');
    await handlerOf('user.registered')(buyer.registered, log);
    const orderId = randomUUID();
    const order = { orderId, studentId: buyer.userId, courseId, instructorId: randomUUID(), amountCents: 4900, currency: 'EUR' };
    const paid = event('order.paid', 'order.OrderPaid', { ...order, provider: 'fake', paidAt: Date.now() }, orderId);
    await handlerOf('order.paid')(paid, log);
    await handlerOf('order.paid')(paid, log);
    const refunded = event('order.refunded', 'order.OrderRefunded', { ...order, refundId: 're_1', initiatedBy: buyer.userId, refundedAt: Date.now() }, orderId);
    await handlerOf('order.refunded')(refunded, log);
    await handlerOf('order.refunded')(refunded, log);
    const failedOrder = randomUUID();
    const failed = event(
      'order.failed',
      'order.OrderFailed',
      { orderId: failedOrder, studentId: buyer.userId, courseId, instructorId: order.instructorId, reason: 'declined', failedAt: Date.now() },
      failedOrder,
    );
    await handlerOf('order.failed')(failed, log);

    const receipts = await eventually(
      async () => (await mailTo(buyer.email)).filter((m) => m.subject === 'Your receipt for Glazes'),
      (found) => found.length > 0,
      20_000,
    );
    await eventually(
      async () => (await mailTo(buyer.email)).filter((m) => m.subject === 'Your refund for Glazes'),
      (found) => found.length > 0,
      20_000,
    );
    await controlMail();
    const subjects = (await mailTo(buyer.email)).map((m) => m.subject).sort();
    expect(subjects).toEqual(['Welcome to SmartCourse', 'Your receipt for Glazes', 'Your refund for Glazes']);
    expect(receipts[0]!.text).toContain('€49.00');
    expect(receipts[0]!.text).toContain(`${config.PUBLIC_APP_URL.replace(/\/+$/, '')}/api/orders/${orderId}/receipt`);
    expect(receipts[0]!.text).not.toContain('Unsubscribe');

    const entries = (await inboxOf(buyer.userId)).map((entry) => [entry.kind, entry.category, entry.title]);
    expect(entries.sort()).toEqual([
      ['order-failed', 'account', 'Your payment for Glazes did not go through'],
      ['order-receipt', 'account', 'Your receipt for Glazes'],
      ['order-refunded', 'account', 'Your refund for Glazes'],
      ['welcome', 'account', expect.any(String)],
    ]);
    const failedDeliveries = (await deliveriesOf(buyer.userId)).filter((row) => row.eventId === failed.id);
    expect(failedDeliveries.map((row) => row.channel)).toEqual(['inApp']);
  });

  it('answers readiness with the document store and Kafka checked', async () => {
    const ready = await fetch(`${service.url}/ready`);
    const body = (await ready.json()) as { data: { checks: Record<string, string> } };
    expect(ready.status).toBe(200);
    expect(Object.keys(body.data.checks)).toEqual(expect.arrayContaining(['mongodb', 'kafka', 'schema-registry']));
  });
});
