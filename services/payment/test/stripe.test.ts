import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Stripe from 'stripe';
import { ProviderRefused, WebhookRejected, type PaymentProvider } from '../src/providers/provider.js';
import { stripeProvider } from '../src/providers/stripe.js';
import { env } from '../../../test/support/env.js';

/**
 * The `stripe` provider against stripe-mock (scripts/servers/stripe-mock.ts), which answers with
 * the real API's shapes and refuses requests the real API would refuse as malformed. The calls
 * go through a forwarder that records them, so the test sees what reached Stripe (idempotency
 * keys, parameters) and can make Stripe fail with a 5xx.
 */

/** stripe-mock accepts any test-mode key. */
const secretKey = 'sk_test_123';
const webhookSecret = 'whsec_stripe_adapter_test';

interface Recorded {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  params: URLSearchParams;
}

const recorded: Recorded[] = [];
/** How many next requests the forwarder answers 500 itself, as Stripe does when it fails. */
let failing = 0;
let forwarder: Server;
let provider: PaymentProvider;
/** A client of our own, for fixtures in the API's shapes. */
const stripe = new Stripe(secretKey, stripeAddress(env.stripeApiUrl));

function stripeAddress(url: string) {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port), protocol: parsed.protocol === 'https:' ? ('https' as const) : ('http' as const) };
}

const forwarded = (headers: IncomingHttpHeaders) =>
  Object.fromEntries(
    Object.entries(headers).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && !['host', 'connection', 'content-length', 'transfer-encoding'].includes(entry[0]),
    ),
  );

beforeAll(async () => {
  forwarder = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      recorded.push({
        method: req.method!,
        path: req.url!,
        idempotencyKey: req.headers['idempotency-key'] as string | undefined,
        params: new URLSearchParams(body),
      });
      if (failing > 0) {
        failing--;
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { type: 'api_error', message: 'An unknown error occurred' } }));
        return;
      }
      fetch(new URL(req.url!, env.stripeApiUrl), { method: req.method!, headers: forwarded(req.headers), body: body || undefined }).then(
        async (answer) => {
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(await answer.text());
        },
        (error: Error) => res.writeHead(502).end(error.message),
      );
    });
  });
  await new Promise<void>((resolve) => forwarder.listen(0, '127.0.0.1', resolve));
  provider = stripeProvider({ secretKey, webhookSecret, apiUrl: `http://127.0.0.1:${(forwarder.address() as AddressInfo).port}` });
});

afterAll(async () => {
  await new Promise((resolve) => forwarder.close(resolve));
});

/** A mark in the record: what reached Stripe since. */
function mark(): () => Recorded[] {
  const from = recorded.length;
  return () => recorded.slice(from);
}

const order = () => ({ orderId: randomUUID(), amountCents: 4900, currency: 'EUR', description: 'Distributed systems, the course' });

describe('createPayment', () => {
  it('creates a PaymentIntent in lower-case currency with the order in its metadata, and answers its id and client secret', async () => {
    const request = order();
    const sent = mark();
    const payment = await provider.createPayment(request);
    const requests = sent();
    expect(payment.paymentId).toMatch(/^pi_/);
    expect(payment.checkout.clientSecret).toMatch(/^pi_\w+_secret_\w+$/);
    expect(payment.checkout.url).toBeUndefined();
    expect(requests).toHaveLength(1);
    expect(requests[0]!.method).toBe('POST');
    expect(requests[0]!.path).toBe('/v1/payment_intents');
    expect(requests[0]!.idempotencyKey).toBe(`order-${request.orderId}`);
    expect(Object.fromEntries(requests[0]!.params)).toEqual({
      amount: '4900',
      currency: 'eur',
      description: request.description,
      'metadata[orderId]': request.orderId,
      'automatic_payment_methods[enabled]': 'true',
    });
  });

  it('sends the same idempotency key for the same order again, and Stripe accepts it', async () => {
    const request = order();
    const sent = mark();
    const first = await provider.createPayment(request);
    const second = await provider.createPayment(request);
    expect(first.paymentId).toMatch(/^pi_/);
    expect(second.paymentId).toMatch(/^pi_/);
    expect(sent().map((each) => each.idempotencyKey)).toEqual([`order-${request.orderId}`, `order-${request.orderId}`]);
  });

  it('turns a request Stripe refuses as invalid into ProviderRefused with its code', async () => {
    // an amount in minor units must be an integer: the API refuses 10.5
    const refused = await provider.createPayment({ ...order(), amountCents: 10.5 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ProviderRefused);
    expect((refused as ProviderRefused).providerCode).toBe('invalid_request_error');
    expect((refused as ProviderRefused).message).toMatch(/amount/);
  });

  it('keeps a failure of Stripe a plain error after retrying twice with the same key (the service answers 503)', async () => {
    const request = order();
    const sent = mark();
    failing = 3;
    const error = await provider.createPayment(request).catch((caught: unknown) => caught);
    failing = 0;
    expect(error).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(error).not.toBeInstanceOf(ProviderRefused);
    expect(sent().map((each) => each.idempotencyKey)).toEqual(Array(3).fill(`order-${request.orderId}`));
  });

  it('succeeds when a retry does, after one failure of Stripe', async () => {
    const sent = mark();
    failing = 1;
    const payment = await provider.createPayment(order());
    failing = 0;
    expect(payment.paymentId).toMatch(/^pi_/);
    expect(sent()).toHaveLength(2);
  });

  it('keeps an unreachable Stripe a plain error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = stripeProvider({ secretKey, webhookSecret, apiUrl: `http://127.0.0.1:${port}` });
    const error = await unreachable.createPayment(order()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect(error).not.toBeInstanceOf(ProviderRefused);
  });
});

describe('refund', () => {
  it('refunds the PaymentIntent with the refund in its metadata and its own idempotency key', async () => {
    const payment = await provider.createPayment(order());
    const refundId = randomUUID();
    const sent = mark();
    const refund = await provider.refund({ paymentId: payment.paymentId, refundId, amountCents: 4900 });
    const requests = sent();
    expect(refund.providerRefundId).toMatch(/^re_/);
    expect(refund.status).toBe('succeeded');
    expect(requests).toHaveLength(1);
    expect(requests[0]!.path).toBe('/v1/refunds');
    expect(requests[0]!.idempotencyKey).toBe(`refund-${refundId}`);
    expect(Object.fromEntries(requests[0]!.params)).toEqual({ payment_intent: payment.paymentId, amount: '4900', 'metadata[refundId]': refundId });
  });

  it('turns a refund Stripe refuses as invalid into ProviderRefused', async () => {
    const refused = await provider.refund({ paymentId: 'pi_123', refundId: randomUUID(), amountCents: 1.5 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ProviderRefused);
    expect((refused as ProviderRefused).providerCode).toBe('invalid_request_error');
  });

  it('keeps a failure of Stripe a plain error', async () => {
    failing = 3;
    const error = await provider.refund({ paymentId: 'pi_123', refundId: randomUUID(), amountCents: 100 }).catch((caught: unknown) => caught);
    failing = 0;
    expect(error).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(error).not.toBeInstanceOf(ProviderRefused);
  });
});

describe('readWebhook', () => {
  /** An event as Stripe sends it: the envelope and the object in the API's shapes (from stripe-mock), of this type. */
  async function event(type: string, object: object): Promise<string> {
    const envelope = await stripe.events.retrieve(`evt_${randomUUID().replaceAll('-', '')}`);
    return JSON.stringify({ ...envelope, id: `evt_${randomUUID().replaceAll('-', '')}`, type, data: { object } });
  }
  const signed = (payload: string, options: { secret?: string; timestamp?: number } = {}) =>
    Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: options.secret ?? webhookSecret,
      ...(options.timestamp ? { timestamp: options.timestamp } : {}),
    });
  const read = (payload: string, signature: string | undefined) => provider.readWebhook(Buffer.from(payload), signature);

  it('reads payment_intent.succeeded as the payment succeeded, with its amount and upper-case currency', async () => {
    const intent = await stripe.paymentIntents.retrieve('pi_succeeded');
    const payload = await event('payment_intent.succeeded', { ...intent, status: 'succeeded', amount: 4900, amount_received: 4900, currency: 'eur' });
    expect(read(payload, signed(payload))).toEqual({
      id: JSON.parse(payload).id,
      kind: 'payment.succeeded',
      paymentId: 'pi_succeeded',
      amountCents: 4900,
      currency: 'EUR',
    });
  });

  it('reads payment_intent.payment_failed as declined and payment_intent.canceled as canceled', async () => {
    const intent = await stripe.paymentIntents.retrieve('pi_failed');
    const failed = await event('payment_intent.payment_failed', { ...intent, status: 'requires_payment_method' });
    const canceled = await event('payment_intent.canceled', { ...intent, status: 'canceled' });
    expect(read(failed, signed(failed))).toEqual({ id: JSON.parse(failed).id, kind: 'payment.failed', paymentId: 'pi_failed', reason: 'declined' });
    expect(read(canceled, signed(canceled))).toEqual({ id: JSON.parse(canceled).id, kind: 'payment.failed', paymentId: 'pi_failed', reason: 'canceled' });
  });

  it("reads charge.refunded as the refund of the charge's PaymentIntent", async () => {
    const charge = await stripe.charges.retrieve('ch_refunded');
    const payload = await event('charge.refunded', { ...charge, payment_intent: 'pi_refunded', refunded: true, amount_refunded: charge.amount });
    expect(read(payload, signed(payload))).toEqual({ id: JSON.parse(payload).id, kind: 'payment.refunded', paymentId: 'pi_refunded' });
  });

  it('reads a type the service does not act on as ignored', async () => {
    const customer = await stripe.customers.retrieve('cus_any');
    const payload = await event('customer.created', customer);
    expect(read(payload, signed(payload))).toEqual({ id: JSON.parse(payload).id, kind: 'ignored', type: 'customer.created' });
  });

  it('rejects a forged signature, a stale one, a missing one and a changed body', async () => {
    const intent = await stripe.paymentIntents.retrieve('pi_forged');
    const payload = await event('payment_intent.succeeded', { ...intent, status: 'succeeded' });
    const now = Math.floor(Date.now() / 1000);
    expect(() => read(payload, signed(payload, { secret: 'whsec_someone_else' }))).toThrow(WebhookRejected);
    expect(() => read(payload, signed(payload, { timestamp: now - 301 }))).toThrow(WebhookRejected);
    expect(() => read(payload, undefined)).toThrow(WebhookRejected);
    expect(() => read(payload.replace('"succeeded"', '"canceled"'), signed(payload))).toThrow(WebhookRejected);
    // within the five minutes the same signature still reads
    expect(read(payload, signed(payload, { timestamp: now - 290 })).kind).toBe('payment.succeeded');
  });
});
