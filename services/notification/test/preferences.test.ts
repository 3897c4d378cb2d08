import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mongoose, { type Connection } from 'mongoose';
import { createHttpApp, createLogger, createMetrics, internalAuth, listen, type HttpServer } from '@smartcourse/platform';
import { channelsFor, deletePreferences, preferenceModel, switchEmailOff, type PreferenceModel } from '../src/preferences/store.js';
import { preferenceRoutes } from '../src/preferences/routes.js';
import { eraseRecipient, isErased, recipientModels, type RecipientModels } from '../src/recipients/store.js';
import { unsubscribeRoutes } from '../src/unsubscribe/routes.js';
import { signUnsubscribeToken } from '../src/unsubscribe/token.js';
import { unsubscribeUrl } from '../src/unsubscribe/links.js';
import { env } from '../../../test/support/env.js';

/**
 * The preference and unsubscribe routes in this process, on the real document store (a database
 * of this run's own, dropped after), behind the platform's HTTP scaffold and internal credential.
 */
const INTERNAL_TOKEN = `test-${randomUUID()}`;
const SECRET = `unsubscribe-secret-${randomUUID()}`;
let connection: Connection;
let preferences: PreferenceModel;
let recipients: RecipientModels;
let http: HttpServer;
let baseUrl: string;

beforeAll(async () => {
  connection = await mongoose
    .createConnection(env.mongoUrl, { dbName: `notification_prefs_test_${randomUUID().slice(0, 8)}`, serverSelectionTimeoutMS: 10_000 })
    .asPromise();
  preferences = await preferenceModel(connection);
  recipients = await recipientModels(connection);
  const app = createHttpApp({
    logger: createLogger({ service: 'notification-test', level: 'silent' }),
    metrics: createMetrics('notification-test'),
    readiness: [],
    routes(app) {
      app.use('/internal', internalAuth(INTERNAL_TOKEN));
      app.use(preferenceRoutes({ preferences }));
      app.use(unsubscribeRoutes({ preferences, secret: SECRET, wasErased: (userId) => isErased(recipients, userId) }));
    },
  });
  http = await listen(app, { port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;
}, 30_000);
afterAll(async () => {
  await http?.stop();
  await connection?.dropDatabase();
  await connection?.close();
});

const asUser = (userId: string) => ({ 'x-internal-token': INTERNAL_TOKEN, 'x-actor-id': userId, 'x-actor-role': 'student' });

async function call(method: string, path: string, options: { userId?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { 'x-internal-token': INTERNAL_TOKEN, ...(options.userId ? asUser(options.userId) : {}), ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, type, text, body: type.startsWith('application/json') && text ? JSON.parse(text) : undefined };
}

const allOn = { email: true, inApp: true };

describe('preferences, in process', () => {
  it('shows every channel on for a person who changed nothing', async () => {
    const answer = await call('GET', '/internal/notifications/preferences', { userId: randomUUID() });
    expect(answer.status).toBe(200);
    expect(answer.body.data.categories).toEqual({
      account: allOn,
      enrollment: allOn,
      progress: allOn,
      assessment: allOn,
      teaching: allOn,
      certificate: allOn,
      course: allOn,
    });
  });

  it('changes only the switches an update names, and keeps them', async () => {
    const userId = randomUUID();
    const first = await call('PUT', '/internal/notifications/preferences', { userId, body: { categories: { progress: { email: false } } } });
    expect(first.status).toBe(200);
    const second = await call('PUT', '/internal/notifications/preferences', {
      userId,
      body: { categories: { course: { inApp: false }, account: { inApp: false } } },
    });
    expect(second.body.data.categories).toMatchObject({
      progress: { email: false, inApp: true },
      course: { email: true, inApp: false },
      account: { email: true, inApp: false },
    });
    const read = await call('GET', '/internal/notifications/preferences', { userId });
    expect(read.body.data).toEqual(second.body.data);
    expect(await channelsFor(preferences, userId, 'progress')).toEqual({ email: false, inApp: true });
    expect(await channelsFor(preferences, userId, 'certificate')).toEqual(allOn);
  });

  it('refuses to switch account email off with 400 VALIDATION_ERROR naming the field, changing nothing', async () => {
    const userId = randomUUID();
    const answer = await call('PUT', '/internal/notifications/preferences', {
      userId,
      body: { categories: { account: { email: false }, course: { email: false } } },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ path: 'categories.account.email' }] });
    expect(await channelsFor(preferences, userId, 'course')).toEqual(allOn);
  });

  it('refuses an unknown category, an unknown channel and a non-boolean switch', async () => {
    for (const body of [
      { categories: { marketing: { email: false } } },
      { categories: { course: { sms: false } } },
      { categories: { course: { email: 'no' } } },
      {},
    ]) {
      const answer = await call('PUT', '/internal/notifications/preferences', { userId: randomUUID(), body });
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('VALIDATION_ERROR');
    }
  });

  it('keeps one person from reading or changing preferences without an actor', async () => {
    expect((await call('GET', '/internal/notifications/preferences')).status).toBe(401);
    expect((await call('PUT', '/internal/notifications/preferences', { body: { categories: {} } })).status).toBe(401);
  });

  it('answers account email as always on, whatever is stored', async () => {
    const userId = randomUUID();
    // Written behind the rules' back, as an older version or a hand edit could have.
    await preferences.collection.insertOne({ userId, categories: { account: { email: false } }, updatedAt: new Date() });
    expect(await channelsFor(preferences, userId, 'account')).toEqual(allOn);
  });

  it('deletes a person’s preferences on erasure', async () => {
    const userId = randomUUID();
    await switchEmailOff(preferences, userId, 'course');
    expect(await deletePreferences(preferences, userId)).toBe(1);
    expect(await channelsFor(preferences, userId, 'course')).toEqual(allOn);
    expect(await deletePreferences(preferences, userId)).toBe(0);
  });
});

describe('one-click unsubscribe, in process', () => {
  const tokenFor = (userId: string, category: 'course' | 'certificate' = 'course') =>
    new URL(unsubscribeUrl('https://app.example.test', SECRET, userId, category)).searchParams.get('token')!;
  const path = (token: string) => `/internal/notifications/unsubscribe?token=${encodeURIComponent(token)}`;

  it('shows a confirmation page on GET, with a button that posts to the same link, and changes nothing', async () => {
    const userId = randomUUID();
    const token = tokenFor(userId, 'certificate');
    const answer = await call('GET', path(token), { headers: { accept: 'application/json' } });
    expect(answer.status).toBe(200);
    expect(answer.type).toBe('text/html; charset=utf-8');
    expect(answer.text).toContain('Unsubscribe from certificate emails?');
    expect(answer.text).toContain(`<form method="post" action="?token=${encodeURIComponent(token)}">`);
    expect(answer.text).toContain('<input type="hidden" name="List-Unsubscribe" value="One-Click">');
    expect(await channelsFor(preferences, userId, 'certificate')).toEqual(allOn);
  });

  it('switches that category’s mail off on POST, only that one, and again is the same', async () => {
    const userId = randomUUID();
    const token = tokenFor(userId, 'course');
    const first = await call('POST', path(token), { headers: { accept: 'text/html' } });
    expect(first.status).toBe(200);
    expect(first.type).toBe('text/html; charset=utf-8');
    expect(first.text).toContain('You are unsubscribed from course update emails');
    const again = await call('POST', path(token), { headers: { accept: 'application/json' } });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ data: { category: 'course', email: false } });
    expect(await channelsFor(preferences, userId, 'course')).toEqual({ email: false, inApp: true });
    expect(await channelsFor(preferences, userId, 'certificate')).toEqual(allOn);
    const shown = await call('GET', '/internal/notifications/preferences', { userId });
    expect(shown.body.data.categories.course).toEqual({ email: false, inApp: true });
  });

  it('stores nothing for a person erased before their link is used', async () => {
    const userId = randomUUID();
    await eraseRecipient(recipients, userId, new Date());
    const answer = await call('POST', path(tokenFor(userId, 'course')), { headers: { accept: 'application/json' } });
    expect(answer.status).toBe(200);
    expect(await connection.collection('preferences').countDocuments({ userId })).toBe(0);
  });

  it('answers HTML to a client that accepts anything (a mail client’s one-click POST)', async () => {
    const answer = await call('POST', path(tokenFor(randomUUID())), { headers: { accept: '*/*' } });
    expect(answer.status).toBe(200);
    expect(answer.type).toBe('text/html; charset=utf-8');
  });

  it('refuses a forged, a tampered, an expired and a missing token on both methods, changing nothing', async () => {
    const userId = randomUUID();
    const good = tokenFor(userId);
    const [payload, mac] = good.split('.') as [string, string];
    const other = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const tampered = `${Buffer.from(JSON.stringify({ ...other, c: 'certificate' })).toString('base64url')}.${mac}`;
    const forged = signUnsubscribeToken('not-the-secret', { userId, category: 'course' });
    const expired = signUnsubscribeToken(SECRET, { userId, category: 'course' }, { now: new Date(Date.now() - 61 * 86_400_000) });
    for (const method of ['GET', 'POST']) {
      for (const token of [forged, tampered, expired]) {
        const answer = await call(method, path(token));
        expect(answer.status).toBe(400);
        expect(answer.body.error.code).toBe('UNSUBSCRIBE_TOKEN_INVALID');
      }
      const missing = await call(method, '/internal/notifications/unsubscribe');
      expect(missing.status).toBe(400);
      expect(missing.body.error.code).toBe('VALIDATION_ERROR');
    }
    expect(await channelsFor(preferences, userId, 'course')).toEqual(allOn);
    expect(await channelsFor(preferences, userId, 'certificate')).toEqual(allOn);
  });
});
