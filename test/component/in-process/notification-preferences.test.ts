import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { compileErrors, validate } from '@readme/openapi-parser';
import { Redis } from 'ioredis';
import { SignJWT } from 'jose';
import mongoose, { type Connection } from 'mongoose';
import { z } from 'zod';
import {
  createHttpApp,
  createLogger,
  createMetrics,
  internalAuth,
  listen,
  loadConfig,
  tokenConfig,
  tokenSettings,
  type HttpServer,
} from '@smartcourse/platform';
import { createDenyList } from '../../../gateway/src/auth/deny-list.js';
import { createIdempotency } from '../../../gateway/src/edge/idempotency.js';
import { createRateLimits } from '../../../gateway/src/edge/rate-limit.js';
import { securityHeaders } from '../../../gateway/src/edge/security.js';
import { createInternalClient } from '../../../gateway/src/internal-client.js';
import { openApiRoutes } from '../../../gateway/src/openapi/routes.js';
import { mountRoutes } from '../../../gateway/src/routing/mount.js';
import type { RouteSpec } from '../../../gateway/src/routing/spec.js';
import { preferenceRoutes } from '../../../gateway/src/services/notification/preferences.js';
import { channelsFor, preferenceModel, type PreferenceModel } from '../../../services/notification/src/preferences/store.js';
import { preferenceRoutes as internalPreferenceRoutes } from '../../../services/notification/src/preferences/routes.js';
import { isErased, recipientModels, type RecipientModels } from '../../../services/notification/src/recipients/store.js';
import { unsubscribeUrl } from '../../../services/notification/src/unsubscribe/links.js';
import { unsubscribeRoutes } from '../../../services/notification/src/unsubscribe/routes.js';
import { env } from '../../support/env.js';

/**
 * The gateway's preference and unsubscribe routes, mounted as the gateway mounts its table,
 * in front of the notification service's routes, both in this process on ports of their own
 * (nothing else of the platform runs): the real document store, a database of this run's own,
 * and the real Redis for the gateway's rate limits and deny-list.
 */
const INTERNAL_TOKEN = `test-${randomUUID()}`;
const SECRET = `unsubscribe-secret-${randomUUID()}`;
const logger = createLogger({ service: 'preferences-test', level: 'silent' });
const tokens = tokenSettings(loadConfig(z.object(tokenConfig), {}));

let connection: Connection;
let preferences: PreferenceModel;
let recipients: RecipientModels;
let redis: Redis;
let servers: HttpServer[] = [];
let gatewayUrl: string;

const urlOf = (server: HttpServer) => `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;

beforeAll(async () => {
  connection = await mongoose
    .createConnection(env.mongoUrl, { dbName: `notification_gateway_test_${randomUUID().slice(0, 8)}`, serverSelectionTimeoutMS: 10_000 })
    .asPromise();
  preferences = await preferenceModel(connection);
  recipients = await recipientModels(connection);
  const notification = await listen(
    createHttpApp({
      logger,
      metrics: createMetrics('notification-test'),
      readiness: [],
      routes(app) {
        app.use('/internal', internalAuth(INTERNAL_TOKEN));
        app.use(internalPreferenceRoutes({ preferences }));
        app.use(unsubscribeRoutes({ preferences, secret: SECRET, wasErased: (userId) => isErased(recipients, userId) }));
      },
    }),
    { port: 0, host: '127.0.0.1' },
  );
  redis = new Redis(env.redisUrl, { maxRetriesPerRequest: 2 });
  const metrics = createMetrics('gateway-test');
  const notifications = createInternalClient({ name: 'notification', baseUrl: urlOf(notification), token: INTERNAL_TOKEN, metrics });
  const rate = { points: 10_000, durationSeconds: 60 };
  const deps = {
    tokens,
    denyList: createDenyList(redis),
    rateLimits: createRateLimits({ redis, rates: { anonymous: rate, credentials: rate, verification: rate, user: rate } }),
    idempotency: createIdempotency({ redis, ttlSeconds: 60 }),
  };
  const gateway = await listen(
    createHttpApp({
      logger,
      metrics,
      readiness: [],
      before: securityHeaders({ corsOrigins: [] }),
      routes(app) {
        const specs: RouteSpec[] = [...preferenceRoutes({ notifications }), ...openApiRoutes({ table: () => specs })];
        app.use(mountRoutes(specs, deps));
      },
    }),
    { port: 0, host: '127.0.0.1' },
  );
  servers = [gateway, notification];
  gatewayUrl = urlOf(gateway);
}, 30_000);
afterAll(async () => {
  for (const server of servers) await server.stop();
  redis?.disconnect();
  await connection?.dropDatabase();
  await connection?.close();
});

async function accessToken(userId: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: 'student', type: 'access' })
    .setProtectedHeader({ alg: 'HS256', kid: tokens.activeKid, typ: 'JWT' })
    .setSubject(userId)
    .setIssuer(tokens.issuer)
    .setAudience(tokens.audience)
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + 300)
    .sign(tokens.keys.get(tokens.activeKid)!);
}

async function send(method: string, path: string, init: { headers?: Record<string, string>; body?: string | FormData } = {}) {
  const response = await fetch(`${gatewayUrl}${path}`, { method, headers: init.headers, body: init.body });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, type, headers: response.headers, text, body: type.startsWith('application/json') && text ? JSON.parse(text) : undefined };
}

/** The path and query of a mail's unsubscribe link, to send to this gateway. */
function linkFor(userId: string, category: 'course' | 'certificate' | 'assessment' = 'course'): string {
  const url = new URL(unsubscribeUrl('https://app.example.test', SECRET, userId, category));
  return `${url.pathname}${url.search}`;
}
const allOn = { email: true, inApp: true };
const oneClick = 'List-Unsubscribe=One-Click';

describe('preferences through the gateway routes', () => {
  it('reads and changes my own preferences with a bearer token, refusing account email off', async () => {
    const userId = randomUUID();
    const authorization = `Bearer ${await accessToken(userId)}`;
    const initial = await send('GET', '/api/notifications/preferences', { headers: { authorization } });
    expect(initial.status).toBe(200);
    expect(initial.body.data.categories.course).toEqual(allOn);

    const json = { authorization, 'content-type': 'application/json' };
    const changed = await send('PUT', '/api/notifications/preferences', {
      headers: json,
      body: JSON.stringify({ categories: { assessment: { email: false } } }),
    });
    expect(changed.status).toBe(200);
    expect(changed.body.data.categories.assessment).toEqual({ email: false, inApp: true });

    const refused = await send('PUT', '/api/notifications/preferences', { headers: json, body: JSON.stringify({ categories: { account: { email: false } } }) });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ path: 'categories.account.email' }] });
  });

  it('needs a signed-in user', async () => {
    expect((await send('GET', '/api/notifications/preferences')).status).toBe(401);
    expect((await send('PUT', '/api/notifications/preferences', { headers: { 'content-type': 'application/json' }, body: '{"categories":{}}' })).status).toBe(
      401,
    );
  });

  it('still takes only JSON on the preferences route: a form body is not parsed there', async () => {
    const userId = randomUUID();
    const answer = await send('PUT', '/api/notifications/preferences', {
      headers: { authorization: `Bearer ${await accessToken(userId)}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'categories[course][email]=false',
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_ERROR');
    expect(await channelsFor(preferences, userId, 'course')).toEqual(allOn);
  });
});

describe('one-click unsubscribe through the gateway routes', () => {
  it('shows the HTML confirmation page on GET without a session, and changes nothing', async () => {
    const userId = randomUUID();
    const answer = await send('GET', linkFor(userId, 'certificate'), { headers: { accept: 'text/html' } });
    expect(answer.status).toBe(200);
    expect(answer.type).toBe('text/html; charset=utf-8');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.text).toContain('Unsubscribe from certificate emails?');
    expect(answer.text).toContain('<form method="post" action="?token=');
    expect(answer.headers.get('content-security-policy')).toContain("form-action 'self'");
    expect(await channelsFor(preferences, userId, 'certificate')).toEqual(allOn);
  });

  it('takes the RFC 8058 POST as application/x-www-form-urlencoded', async () => {
    const userId = randomUUID();
    const answer = await send('POST', linkFor(userId), { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: oneClick });
    expect(answer.status).toBe(200);
    expect(answer.type).toBe('text/html; charset=utf-8');
    expect(answer.text).toContain('You are unsubscribed from course update emails');
    expect(await channelsFor(preferences, userId, 'course')).toEqual({ email: false, inApp: true });
  });

  it('takes the RFC 8058 POST as multipart/form-data, and answers JSON to a client that asks for it', async () => {
    const userId = randomUUID();
    const form = new FormData();
    form.set('List-Unsubscribe', 'One-Click');
    const answer = await send('POST', linkFor(userId, 'assessment'), { headers: { accept: 'application/json' }, body: form });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { category: 'assessment', email: false } });
    expect(await channelsFor(preferences, userId, 'assessment')).toEqual({ email: false, inApp: true });
    expect(await channelsFor(preferences, userId, 'course')).toEqual(allOn);
  });

  it('takes a POST with no body, and a second POST changes nothing more', async () => {
    const userId = randomUUID();
    expect((await send('POST', linkFor(userId))).status).toBe(200);
    const again = await send('POST', linkFor(userId), { headers: { accept: 'application/json' } });
    expect(again.status).toBe(200);
    expect(again.body.data).toEqual({ category: 'course', email: false });
    expect(await channelsFor(preferences, userId, 'course')).toEqual({ email: false, inApp: true });
  });

  it('refuses a JSON or plain-text body (415), a file (400) and another one-click value (400), changing nothing', async () => {
    const userId = randomUUID();
    const json = await send('POST', linkFor(userId), { headers: { 'content-type': 'application/json' }, body: '{"List-Unsubscribe":"One-Click"}' });
    expect(json.status).toBe(415);
    expect(json.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const text = await send('POST', linkFor(userId), { headers: { 'content-type': 'text/plain' }, body: oneClick });
    expect(text.status).toBe(415);
    const withFile = new FormData();
    withFile.set('List-Unsubscribe', 'One-Click');
    withFile.set('attachment', new Blob(['hello'], { type: 'text/plain' }), 'hello.txt');
    const file = await send('POST', linkFor(userId), { body: withFile });
    expect(file.status).toBe(400);
    expect(file.body.error.code).toBe('VALIDATION_ERROR');
    const other = await send('POST', linkFor(userId), {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=Everything',
    });
    expect(other.status).toBe(400);
    expect(other.body.error.details).toEqual([expect.objectContaining({ path: 'List-Unsubscribe' })]);
    const large = await send('POST', linkFor(userId), {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `${oneClick}&pad=${'x'.repeat(8000)}`,
    });
    expect(large.status).toBe(413);
    expect(await channelsFor(preferences, userId, 'course')).toEqual(allOn);
  });

  it('refuses a forged or altered token on both methods with 400 UNSUBSCRIBE_TOKEN_INVALID', async () => {
    const userId = randomUUID();
    const link = linkFor(userId);
    const altered = link.replace(
      /token=([^.]+)\.(.+)$/,
      (_all, payload: string, mac: string) => `token=${payload}.${mac.startsWith('A') ? 'B' : 'A'}${mac.slice(1)}`,
    );
    for (const method of ['GET', 'POST']) {
      const answer = await send(method, altered, method === 'POST' ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: oneClick } : {});
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('UNSUBSCRIBE_TOKEN_INVALID');
      expect((await send(method, '/api/notifications/unsubscribe')).body.error.code).toBe('VALIDATION_ERROR');
    }
    expect(await channelsFor(preferences, userId, 'course')).toEqual(allOn);
  });

  it('is described in a valid OpenAPI document: the form body in both encodings, the HTML answers', async () => {
    const answer = await send('GET', '/api/openapi.json');
    const document = answer.body;
    const result = await validate(structuredClone(document));
    if (!result.valid) throw new Error(compileErrors(result));
    const post = document.paths['/api/notifications/unsubscribe'].post;
    expect(post.security).toEqual([]);
    expect(post.requestBody.required).toBe(false);
    expect(Object.keys(post.requestBody.content)).toEqual(['application/x-www-form-urlencoded', 'multipart/form-data']);
    expect(Object.keys(post.responses['200'].content)).toEqual(['application/json', 'text/html']);
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['400', '413', '415']));
    expect(post.parameters).toContainEqual(expect.objectContaining({ name: 'token', in: 'query', required: true }));
    expect(Object.keys(document.paths['/api/notifications/unsubscribe'].get.responses['200'].content)).toEqual(['text/html']);
    expect(document.paths['/api/notifications/preferences'].put.requestBody.content).toHaveProperty('application/json');
    expect(document.paths['/api/notifications/preferences'].put.responses).not.toHaveProperty('415');
  });
});
