import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { enrollmentIdOf } from '@smartcourse/contracts';
import { createDb } from '@smartcourse/platform';
import { env } from '../support/env.js';
import { eventually } from '../support/eventually.js';
import { api, newUser } from '../support/http.js';
import { closeKafka, decode, readTopic } from '../support/kafka.js';
import { publishedCourse } from '../support/learning.js';
import { mailTo } from '../support/mail.js';
import { deliverWebhook, paymentIdOf, payAtProvider, placeOrder, stripeSignature, type PlacedOrder } from '../support/payments.js';
import { newAdmin, newInstructor } from '../support/people.js';
import { usePlatform } from '../support/platform.js';

const PRICE = 2500;
const paymentDb = createDb({ url: env.paymentDatabaseUrl, poolMax: 1 });
const enrollmentDb = createDb({ url: env.enrollmentDatabaseUrl, poolMax: 1 });
// The payment service's relay is held, so it dies with the paid order committed and order.paid not yet published.
const platform = usePlatform({ env: { payment: { OUTBOX_RELAY_ENABLED: 'false' } } });
afterAll(async () => {
  await closeKafka();
  await paymentDb.destroy();
  await enrollmentDb.destroy();
});

/** The payment service with its relay publishing, for the cases after the crash (restarted once). */
let relaying = false;
async function paymentRelaying(): Promise<void> {
  if (relaying) return;
  await platform.restart('payment', {});
  relaying = true;
}

async function paidCourse() {
  const instructor = await newInstructor(await newAdmin(), `Seller${randomUUID().slice(0, 6)}`);
  return publishedCourse(instructor.token, { priceCents: PRICE });
}

const paidEvents = async (orderId: string) => (await readTopic('order.paid')).filter((record) => record.key === orderId);
const enrollmentCreated = async (enrollmentId: string) =>
  Promise.all((await readTopic('enrollment.created')).filter((record) => record.key === enrollmentId).map((record) => decode<Record<string, unknown>>(record)));
const receipts = async (email: string) => (await mailTo(email)).filter((mail) => /^Your receipt for /.test(mail.subject));
const settle = () => new Promise((resolve) => setTimeout(resolve, 4000)); // a second publish, enrollment or mail would show by now

/** The consequences of one paid order, each exactly once: order.paid, the enrollment by purchase (event and row), the receipt mail. */
async function expectPaidOnce(order: PlacedOrder, student: { id: string; email: string; token: string }, courseId: string): Promise<void> {
  const enrollmentId = enrollmentIdOf(student.id, courseId);
  const enrolled = await eventually(
    () => api('GET', `/api/enrollments/${enrollmentId}`, { token: student.token }),
    (answer) => answer.status === 200 && answer.body.data.status === 'active',
    40_000,
  );
  expect(enrolled.body.data.status).toBe('active');
  expect(
    (
      await eventually(
        () => receipts(student.email),
        (found) => found.length > 0,
        30_000,
      )
    ).length,
  ).toBeGreaterThan(0);
  await settle();
  expect(await paidEvents(order.id)).toHaveLength(1);
  expect(await enrollmentCreated(enrollmentId)).toEqual([
    expect.objectContaining({ enrollmentId, studentId: student.id, source: 'purchase', orderId: order.id }),
  ]);
  expect(await enrollmentDb('enrollments').where({ student_id: student.id, course_id: courseId }).select('id', 'order_id')).toEqual([
    { id: enrollmentId, order_id: order.id },
  ]);
  expect(await receipts(student.email)).toHaveLength(1);
  const orders = await api('GET', '/api/orders/mine', { token: student.token });
  expect(orders.body.data.map((row: { id: string; status: string }) => [row.id, row.status])).toEqual([[order.id, 'paid']]);
}

describe('a purchase across a crash, a webhook delivered twice, and the enrolling service down', () => {
  it('publishes order.paid once after a kill -9 of the payment service between the webhook commit and the publication: one enrollment, one receipt', async () => {
    const course = await paidCourse();
    const student = await newUser('CrashBuyer');
    const order = await placeOrder(student.token, course.courseId);
    await payAtProvider(order);

    // The provider's webhook was handled: the order is paid in the database, order.paid held in the outbox.
    const paid = await eventually(
      () => paymentDb('orders').where({ id: order.id }).first(),
      (row) => row?.status === 'paid',
      30_000,
    );
    expect(paid.status).toBe('paid');
    await platform.process('payment').kill();
    expect(await paidEvents(order.id)).toHaveLength(0);

    await platform.restart('payment', {});
    relaying = true;
    // The provider also delivers its webhooks again after the restart: they change nothing.
    await expectPaidOnce(order, student, course.courseId);
  });

  it('pays an order once when the same signed webhook is delivered twice, one after the other and at once', async () => {
    await paymentRelaying();
    const course = await paidCourse();
    const student = await newUser('TwiceBuyer');
    const order = await placeOrder(student.token, course.courseId);
    const body = JSON.stringify({
      id: `evt_fake_${randomUUID().replaceAll('-', '')}`,
      object: 'event',
      type: 'payment_intent.succeeded',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      data: {
        object: {
          id: paymentIdOf(order),
          object: 'payment_intent',
          amount: PRICE,
          amount_received: PRICE,
          currency: 'eur',
          metadata: { orderId: order.id },
          status: 'succeeded',
        },
      },
    });
    const signature = stripeSignature(body);
    expect((await deliverWebhook(body, signature)).status).toBe(200);
    expect((await deliverWebhook(body, signature)).status).toBe(200);
    expect((await Promise.all([deliverWebhook(body, signature), deliverWebhook(body, signature)])).map((answer) => answer.status)).toEqual([200, 200]);

    const paid = await eventually(
      () => paidEvents(order.id),
      (found) => found.length > 0,
      20_000,
    );
    expect(paid).toHaveLength(1);
    await expectPaidOnce(order, student, course.courseId);
  });

  it('enrolls the buyer once when enrollment-progress comes back after order.paid waited for it', async () => {
    await paymentRelaying();
    const course = await paidCourse();
    const student = await newUser('PatientBuyer');
    // It has the course from its publication before it goes down.
    await eventually(
      () => enrollmentDb('courses').where({ id: course.courseId, status: 'published' }),
      (rows) => rows.length === 1,
      20_000,
    );
    await platform.process('enrollment-progress').kill();
    const order = await placeOrder(student.token, course.courseId);
    await payAtProvider(order);
    const published = await eventually(
      () => paidEvents(order.id),
      (found) => found.length > 0,
      30_000,
    );
    expect(published).toHaveLength(1);
    expect(await enrollmentDb('enrollments').where({ student_id: student.id, course_id: course.courseId })).toHaveLength(0);

    await platform.restart('enrollment-progress');
    await expectPaidOnce(order, student, course.courseId);
  });
});
