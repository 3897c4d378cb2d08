import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { env } from '../support/env.js';
import { eventually } from '../support/eventually.js';
import { api, newUser } from '../support/http.js';
import { closeKafka, decode, readTopic } from '../support/kafka.js';
import { eventsOf, publishedCourse, type PublishedCourse } from '../support/learning.js';
import { mailTo } from '../support/mail.js';
import { deliverWebhook, FAKE_WEBHOOK_SECRET, stripeSignature } from '../support/payments.js';
import { newAdmin, newInstructor } from '../support/people.js';
import { usePlatform } from '../support/platform.js';
import { sc } from '../support/sc.js';

const PRICE = 4999;

let admin: { id: string; token: string };
let instructor: Awaited<ReturnType<typeof newInstructor>>;
let course: PublishedCourse;

usePlatform();
beforeAll(async () => {
  admin = await newAdmin();
  instructor = await newInstructor(admin, 'Seller');
  course = await publishedCourse(instructor.token, { priceCents: PRICE });
}, 120_000);
afterAll(() => closeKafka());

/** The decoded events of an order on a topic. */
const orderEvents = async (topic: string, orderId: string) =>
  Promise.all((await readTopic(topic)).filter((record) => record.key === orderId).map((record) => decode<Record<string, unknown>>(record)));

/** The student's enrollment in a course once it has the status (the order events make it, asynchronously). */
async function enrollmentIn(token: string, courseId: string, status: string): Promise<{ id: string; status: string }> {
  const found = await eventually(
    async () =>
      ((await api('GET', '/api/enrollments/mine', { token })).body.data as Array<{ id: string; courseId: string; status: string }>).find(
        (row) => row.courseId === courseId,
      ),
    (enrollment) => enrollment?.status === status,
    20_000,
  );
  expect(found?.status).toBe(status);
  return found!;
}

async function placeOrder(token: string, body: Record<string, unknown> = { courseId: course.courseId }) {
  return api('POST', '/api/orders', { token, body });
}

/** Pays an order at the fake provider's page with a test card, and waits for its webhook to mark it. */
async function pay(order: { id: string; checkout: { url: string } }, token: string, card = '4242424242424242') {
  const answer = await api('POST', new URL(order.checkout.url).pathname, { body: { cardNumber: card } });
  if (answer.status !== 200) return answer;
  const paid = await eventually(
    () => api('GET', `/api/orders/${order.id}`, { token }),
    (found) => found.body.data.status === 'paid',
    20_000,
  );
  expect(paid.body.data.status).toBe('paid');
  return answer;
}

describe('payments', () => {
  it('sells a paid course: a pending order with its payment page, a declined card, then the test card; the signed webhooks pay it once', async () => {
    const student = await newUser('Buyer');
    const placed = await placeOrder(student.token);
    expect(placed.status).toBe(201);
    expect(placed.body.data).toMatchObject({
      courseId: course.courseId,
      status: 'pending',
      listPriceCents: PRICE,
      discountCents: 0,
      amountCents: PRICE,
      currency: 'EUR',
      provider: 'fake',
      checkout: { provider: 'fake', url: expect.stringMatching(/\/api\/payments\/fake\/checkout\/pi_fake_\w{24}$/) },
    });
    const order = placed.body.data;
    const again = await placeOrder(student.token);
    expect(again.status).toBe(200);
    expect(again.body.data.id).toBe(order.id);

    const page = await fetch(order.checkout.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('€49.99');

    const declined = await api('POST', new URL(order.checkout.url).pathname, { body: { cardNumber: '4000 0000 0000 0002' } });
    expect(declined.status).toBe(402);
    expect(declined.body.error.code).toBe('CARD_DECLINED');
    const failed = await eventually(
      () => api('GET', `/api/orders/${order.id}`, { token: student.token }),
      (found) => found.body.data.status === 'failed',
      20_000,
    );
    expect(failed.body.data).toMatchObject({ status: 'failed', failureReason: 'declined' });

    expect((await pay(order, student.token)).body.data).toEqual({ paymentId: expect.any(String), status: 'succeeded' });
    const paid = (await api('GET', `/api/orders/${order.id}`, { token: student.token })).body.data;
    expect(paid).toMatchObject({ status: 'paid', failureReason: null, paidAt: expect.any(String) });
    expect(paid.checkout).toBeUndefined();

    // The provider delivers each webhook twice, late and in any order: still one order.paid.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    const events = await orderEvents('order.paid', order.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      orderId: order.id,
      studentId: student.id,
      courseId: course.courseId,
      instructorId: instructor.id,
      amountCents: PRICE,
      currency: 'EUR',
    });
    expect(await orderEvents('order.failed', order.id)).toHaveLength(1);
    const onKafka = JSON.stringify([...(await orderEvents('order.placed', order.id)), ...events]);
    expect(onKafka).not.toContain('pi_fake_');
    expect(onKafka).not.toContain('secret');

    const mine = await api('GET', '/api/orders/mine', { token: student.token });
    expect(mine.body.data.map((row: { id: string }) => row.id)).toEqual([order.id]);
    expect((await api('GET', `/api/orders/${order.id}`, { token: (await newUser('Stranger')).token })).status).toBe(404);
    expect((await api('GET', `/api/orders/${order.id}`, { token: admin.token })).body.data.checkout).toBeUndefined();
    expect((await placeOrder(student.token)).body.error.code).toBe('ALREADY_ENROLLED');

    // The payment enrolled the buyer, once, and mailed one receipt.
    const enrollment = await enrollmentIn(student.token, course.courseId, 'active');
    const created = await eventsOf('enrollment.created', enrollment.id);
    expect(created).toEqual([expect.objectContaining({ studentId: student.id, courseId: course.courseId, source: 'purchase', orderId: order.id })]);
    const receipts = await eventually(
      async () => (await mailTo(student.email)).filter((mail) => mail.subject.startsWith('Your receipt')),
      (mails) => mails.length > 0,
    );
    expect(receipts).toHaveLength(1);
    expect(receipts[0]!.text).toContain(`/api/orders/${order.id}/receipt`);
    expect(receipts[0]!.text).toContain('€49.99');
  }, 90_000);

  it('takes a webhook only with a valid, fresh signature; acknowledges unknown types; acts once on an event delivered twice', async () => {
    const body = JSON.stringify({
      id: `evt_test_${randomUUID()}`,
      object: 'event',
      type: 'customer.created',
      created: 0,
      livemode: false,
      data: { object: {} },
    });
    const forged = await deliverWebhook(body, stripeSignature(body, 'whsec_not_the_secret'));
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect((await deliverWebhook(body, stripeSignature(body, FAKE_WEBHOOK_SECRET, Date.now() - 301_000))).status).toBe(400);
    expect((await deliverWebhook(body)).status).toBe(400);
    expect((await deliverWebhook(`${body} `, stripeSignature(body))).status).toBe(400);
    expect((await deliverWebhook(body, stripeSignature(body))).status).toBe(200);
    expect((await deliverWebhook(body, stripeSignature(body))).status).toBe(200);
    const unknown = await api('POST', '/api/payments/webhooks/paypal', { body: JSON.parse(body), headers: { 'stripe-signature': stripeSignature(body) } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('PROVIDER_NOT_FOUND');

    // A payment no order knows: not acknowledged, so the provider delivers it again later.
    const orphan = JSON.stringify({
      id: `evt_test_${randomUUID()}`,
      object: 'event',
      type: 'payment_intent.succeeded',
      created: 0,
      livemode: false,
      data: { object: { id: 'pi_fake_unknownunknownunknown', object: 'payment_intent', amount: 100, amount_received: 100, currency: 'eur', metadata: {} } },
    });
    expect((await deliverWebhook(orphan, stripeSignature(orphan))).status).toBe(404);
  });

  it('applies coupons: percent or amount off, per course or global, limited, expiring; a coupon taking the whole price pays the order at once', async () => {
    const code = `HALF${randomUUID().slice(0, 6)}`.toUpperCase();
    const made = await api('POST', '/api/coupons', {
      token: instructor.token,
      body: { code: code.toLowerCase(), percentOff: 50, courseId: course.courseId, maxRedemptions: 1 },
    });
    expect(made.status).toBe(201);
    expect(made.body.data).toMatchObject({ code, percentOff: 50, courseId: course.courseId, maxRedemptions: 1, redemptions: 0 });
    expect((await api('POST', '/api/coupons', { token: instructor.token, body: { code, percentOff: 10, courseId: course.courseId } })).body.error.code).toBe(
      'COUPON_CODE_TAKEN',
    );
    expect((await api('POST', '/api/coupons', { token: instructor.token, body: { code: `ALL${randomUUID().slice(0, 6)}`, percentOff: 10 } })).status).toBe(403);
    const both = await api('POST', '/api/coupons', {
      token: admin.token,
      body: { code: `BAD${randomUUID().slice(0, 6)}`, percentOff: 10, amountOffCents: 100 },
    });
    expect(both.status).toBe(400);
    const expired = await api('POST', '/api/coupons', {
      token: admin.token,
      body: { code: `OLD${randomUUID().slice(0, 6)}`, percentOff: 10, expiresAt: '2020-01-01T00:00:00Z' },
    });
    expect(expired.body.error.details[0].path).toBe('expiresAt');

    const first = await placeOrder((await newUser('Coupon')).token, { courseId: course.courseId, couponCode: code });
    expect(first.body.data).toMatchObject({ listPriceCents: PRICE, discountCents: 2500, amountCents: 2499, couponCode: code });
    const usedUp = await placeOrder((await newUser('Late')).token, { courseId: course.courseId, couponCode: code });
    expect(usedUp.status).toBe(422);
    expect(usedUp.body.error.details.reason).toBe('used-up');
    expect((await api('GET', '/api/coupons', { token: instructor.token })).body.data.find((coupon: { code: string }) => coupon.code === code).redemptions).toBe(
      1,
    );

    const dollars = `USD${randomUUID().slice(0, 6)}`;
    expect((await api('POST', '/api/coupons', { token: admin.token, body: { code: dollars, amountOffCents: 1000, currency: 'USD' } })).status).toBe(201);
    expect((await placeOrder((await newUser('Dollar')).token, { courseId: course.courseId, couponCode: dollars })).body.error.details.reason).toBe(
      'other-currency',
    );
    expect((await placeOrder((await newUser('Nobody')).token, { courseId: course.courseId, couponCode: 'NO-SUCH-CODE' })).body.error.details.reason).toBe(
      'unknown',
    );

    const gift = `GIFT${randomUUID().slice(0, 6)}`;
    expect((await api('POST', '/api/coupons', { token: admin.token, body: { code: gift, percentOff: 100 } })).status).toBe(201);
    const free = await placeOrder((await newUser('Gift')).token, { courseId: course.courseId, couponCode: gift });
    expect(free.body.data).toMatchObject({ status: 'paid', amountCents: 0, discountCents: PRICE });
    expect(free.body.data.checkout).toBeUndefined();
  });

  it('refunds through the provider (the buyer within the window, an admin any time), once; gives a receipt; reports revenue that adds up', async () => {
    const seller = await newInstructor(admin, 'Reporter');
    const sold = await publishedCourse(seller.token, { priceCents: 1500 });
    const buyers = await Promise.all([newUser('R1'), newUser('R2'), newUser('R3')]);
    const orders = [];
    for (const buyer of buyers) {
      const placed = await placeOrder(buyer.token, { courseId: sold.courseId });
      await pay(placed.body.data, buyer.token);
      orders.push(placed.body.data);
    }
    const receipt = await fetch(`${env.gatewayUrl}/api/orders/${orders[0].id}/receipt`, {
      headers: { authorization: `Bearer ${buyers[0]!.token}` },
    });
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await receipt.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const byBuyer = await api('POST', `/api/orders/${orders[0].id}/refund`, { token: buyers[0]!.token, body: { reason: 'Not what I expected.' } });
    expect(byBuyer.status).toBe(200);
    expect(byBuyer.body.data).toMatchObject({ status: 'refunded', refundedAt: expect.any(String) });
    const twice = await api('POST', `/api/orders/${orders[0].id}/refund`, { token: admin.token, body: { reason: 'Again' } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.details.reason).toBe('already-refunded');
    expect((await api('POST', `/api/orders/${orders[1].id}/refund`, { token: buyers[0]!.token, body: { reason: 'Not mine' } })).status).toBe(404);
    expect((await api('POST', `/api/orders/${orders[1].id}/refund`, { token: admin.token, body: { reason: 'Goodwill' } })).body.data.status).toBe('refunded');

    await new Promise((resolve) => setTimeout(resolve, 4000));
    for (const order of orders.slice(0, 2)) expect(await orderEvents('order.refunded', order.id)).toHaveLength(1);
    const [refunded] = await orderEvents('order.refunded', orders[0].id);
    expect(refunded).toMatchObject({ orderId: orders[0].id, amountCents: 1500, currency: 'EUR', initiatedBy: 'buyer' });
    // The refund ended the enrollment it bought: status refunded, announced once; the lessons closed.
    const ended = await enrollmentIn(buyers[0]!.token, sold.courseId, 'refunded');
    expect(await eventsOf('enrollment.refunded', ended.id)).toEqual([expect.objectContaining({ orderId: orders[0].id, studentId: buyers[0]!.id })]);
    expect((await api('POST', `/api/lessons/${sold.theory}/complete`, { token: buyers[0]!.token })).status).toBe(403);
    await enrollmentIn(buyers[2]!.token, sold.courseId, 'active');

    const report = await api('GET', '/api/instructors/me/revenue', { token: seller.token });
    expect(report.status).toBe(200);
    expect(report.body.data.courses).toEqual([
      { courseId: sold.courseId, courseTitle: sold.title, currency: 'EUR', sales: 3, grossCents: 4500, refunds: 2, refundedCents: 3000, netCents: 1500 },
    ]);
    expect(report.body.data.totals).toEqual([{ currency: 'EUR', grossCents: 4500, refundedCents: 3000, netCents: 1500 }]);
    const past = await api('GET', '/api/instructors/me/revenue?from=2020-01-01&to=2020-12-31', { token: seller.token });
    expect(past.body.data).toMatchObject({ from: '2020-01-01', to: '2020-12-31', courses: [], totals: [] });
    expect((await api('GET', '/api/instructors/me/revenue?from=2026-02-01&to=2026-01-01', { token: seller.token })).status).toBe(400);
  }, 90_000);

  it('rebuilds its replicas (courses on sale, enrollments) from the topics equal to the live ones', async () => {
    for (const replica of ['courses', 'enrollments']) {
      const rebuilt = await sc(['rebuild', 'payment', replica, '--json']);
      expect({ code: rebuilt.code, stderr: rebuilt.code === 0 ? '' : rebuilt.stderr }).toEqual({ code: 0, stderr: '' });
      expect(JSON.parse(rebuilt.stdout)).toMatchObject({ replica, outcome: 'swapped', agree: true, changedRows: { deleted: 0, inserted: 0 } });
    }
  }, 120_000);

  it('refuses an order for a free course (409), an unknown one (404), and one a student does not place (403)', async () => {
    const free = await publishedCourse(instructor.token);
    const student = await newUser('Free');
    expect((await placeOrder(student.token, { courseId: free.courseId })).body.error.code).toBe('COURSE_IS_FREE');
    expect((await placeOrder(student.token, { courseId: randomUUID() })).status).toBe(404);
    expect((await placeOrder(instructor.token)).status).toBe(403);
    const bad = await placeOrder(student.token, { courseId: 'nope', couponCode: '!' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((detail: { path: string }) => detail.path).sort()).toEqual(['couponCode', 'courseId']);
  });
});
