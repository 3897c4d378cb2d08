import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { SignJWT } from 'jose';
import { notificationChannel, type Notification, type NotificationPush } from '@smartcourse/contracts';
import { env } from '../support/env.js';
import { activeSigningKey } from '../support/signing-key.js';
import { api, newUser } from '../support/http.js';
import { usePlatform } from '../support/platform.js';
import { startProcess, type RunningProcess } from '../support/processes.js';
import { openStream, type SseStream } from '../support/sse.js';

/**
 * The notification stream at the gateway, with pushes published by the test itself on Redis
 * (with seqs far above the real ones, as a new user's welcome notification may be seq 1),
 * as the notification service publishes them: two gateway instances, heartbeats, the cookie,
 * refusals and the end of a stream when its token expires or is revoked.
 */
const HEARTBEAT_MS = 300;
const SECOND_PORT = 3040;
const second = `http://127.0.0.1:${SECOND_PORT}`;

usePlatform({ env: { gateway: { SSE_HEARTBEAT_MS: String(HEARTBEAT_MS) } } });
let other: RunningProcess;
let redis: Redis;
const streams: SseStream[] = [];
beforeAll(async () => {
  other = await startProcess('gateway', { port: SECOND_PORT, env: { GATEWAY_PORT: String(SECOND_PORT), SSE_HEARTBEAT_MS: String(HEARTBEAT_MS) } });
  redis = new Redis(env.redisUrl);
}, 180_000);
afterAll(async () => {
  streams.forEach((stream) => stream.close());
  redis?.disconnect();
  await other?.stop();
});

async function open(options: Parameters<typeof openStream>[0]): Promise<SseStream> {
  const stream = await openStream(options);
  streams.push(stream);
  return stream;
}

const notification = (seq: number): Notification => ({
  id: randomUUID().replaceAll('-', '').slice(0, 24),
  seq,
  category: 'certificate',
  kind: 'certificate-issued',
  title: `Certificate ${seq}`,
  body: 'Your certificate is ready.',
  link: '/certificates',
  read: false,
  readAt: null,
  createdAt: new Date().toISOString(),
});
const publish = (userId: string, push: NotificationPush) => redis.publish(notificationChannel(userId), JSON.stringify(push));
const subscribers = async (userId: string) => Number(((await redis.pubsub('NUMSUB', notificationChannel(userId))) as [string, number])[1]);

/** An access token signed with the gateway's key, expiring when the test says. */
const shortToken = (userId: string, expiresInSeconds: number) => {
  const now = Math.floor(Date.now() / 1000);
  const key = activeSigningKey();
  return new SignJWT({ role: 'student', type: 'access' })
    .setProtectedHeader({ alg: 'HS256', kid: key.kid })
    .setSubject(userId)
    .setIssuer('smartcourse')
    .setAudience('smartcourse-api')
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + expiresInSeconds)
    .sign(key.secret);
};

const setCookies = (headers: Headers) => Object.fromEntries(headers.getSetCookie().map((line) => [line.slice(0, line.indexOf('=')), line]));
const cookieValue = (line: string | undefined) => line?.slice(line.indexOf('=') + 1, line.indexOf(';'));

describe('the notification stream', () => {
  it('opens with the SSE headers, a retry hint and the unread count at the current position', async () => {
    const user = await newUser('Stream');
    const stream = await open({ token: user.token });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    expect(stream.headers.get('cache-control')).toContain('no-cache');
    expect(stream.headers.get('x-accel-buffering')).toBe('no');
    expect(stream.headers.get('content-encoding')).toBeNull();
    await stream.waitFor(() => stream.events('unread').length > 0);
    const [opening] = stream.events('unread');
    expect(opening!.id).toMatch(/^\d+$/);
    expect(opening!.data.unreadCount).toEqual(expect.any(Number));
    // Before it, only what the backlog held after the start position (the welcome, if it came meanwhile).
    const before = stream.events().slice(0, stream.events().indexOf(opening!));
    expect(before.every((event) => event.event === 'notification' && Number(event.id) <= Number(opening!.id))).toBe(true);
    expect(stream.retry()).toBe(3000);
  });

  it('sends a heartbeat comment at the configured interval', async () => {
    const user = await newUser('Heartbeat');
    const stream = await open({ token: user.token });
    await stream.waitFor((received) => received.filter((item) => item.kind === 'comment').length >= 3, HEARTBEAT_MS * 3 + 2000);
    const beats = stream.received.filter((item) => item.kind === 'comment').map((item) => item.at);
    expect(beats[2]! - beats[1]!).toBeGreaterThanOrEqual(HEARTBEAT_MS - 50);
    expect(beats[2]! - beats[1]!).toBeLessThan(HEARTBEAT_MS * 3);
  });

  it('pushes a notification published once to the user’s streams on both gateway instances, and to nobody else', async () => {
    const [user, stranger] = [await newUser('Fanout'), await newUser('Stranger')];
    const here = await open({ token: user.token });
    const there = await open({ token: user.token, baseUrl: second });
    const elsewhere = await open({ token: stranger.token, baseUrl: second });
    await Promise.all([here, there, elsewhere].map((stream) => stream.waitFor((received) => received.some((item) => item.kind === 'event'))));
    expect(await subscribers(user.id)).toBe(2);

    const sent = notification(1001);
    const publishedAt = Date.now();
    await publish(user.id, { type: 'notification', notification: sent, unreadCount: 1 });
    await publish(user.id, { type: 'unread', unreadCount: 0 });
    for (const stream of [here, there]) {
      await stream.waitFor(() => stream.events('unread').some((event) => event.id === undefined));
      const pushed = stream.events('notification').find((event) => event.id === '1001');
      expect(pushed).toMatchObject({ data: { notification: sent, unreadCount: 1 } });
      expect(pushed!.at - publishedAt).toBeLessThan(1000);
      expect(stream.events('unread').find((event) => event.id === undefined)).toMatchObject({ data: { unreadCount: 0 } });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(elsewhere.events('notification').filter((event) => event.id === '1001')).toEqual([]);
  });

  it('subscribes a user’s channel while one of their streams is open on the instance, and unsubscribes after the last', async () => {
    const user = await newUser('Channel');
    const first = await open({ token: user.token, baseUrl: second });
    const again = await open({ token: user.token, baseUrl: second });
    await Promise.all([first, again].map((stream) => stream.waitFor((received) => received.some((item) => item.kind === 'event'))));
    expect(await subscribers(user.id)).toBe(1);
    first.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await subscribers(user.id)).toBe(1);
    await publish(user.id, { type: 'unread', unreadCount: 7 });
    await again.waitFor(() => again.events('unread').some((event) => event.data.unreadCount === 7));
    again.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await subscribers(user.id)).toBe(0);
  });

  it('drops a push that is not a NotificationPush and carries on', async () => {
    const user = await newUser('Garbage');
    const stream = await open({ token: user.token });
    await stream.waitFor((received) => received.some((item) => item.kind === 'event'));
    await redis.publish(notificationChannel(user.id), '{"type":"notification"}');
    await redis.publish(notificationChannel(user.id), 'not json');
    await publish(user.id, { type: 'notification', notification: notification(1002), unreadCount: 1 });
    await stream.waitFor(() => stream.events('notification').some((event) => event.id === '1002'));
    expect(
      stream
        .events('notification')
        .filter((event) => Number(event.id) > 1000)
        .map((event) => event.id),
    ).toEqual(['1002']);
  });
});

describe('who may open it', () => {
  it('refuses a missing, malformed, expired or revoked token with 401, and a bad Last-Event-ID with 400', async () => {
    const user = await newUser('Refused');
    expect((await open({})).status).toBe(401);
    expect((await open({ token: 'not-a-jwt' })).status).toBe(401);
    const expired = await open({ token: await shortToken(user.id, -60) });
    expect(expired.status).toBe(401);
    await expired.ended;
    expect(expired.events('error-body')[0]!.data.error).toMatchObject({ code: 'UNAUTHORIZED', message: 'The token has expired.' });
    expect((await open({ token: user.token, lastEventId: 'yesterday' })).status).toBe(400);
    expect((await open({ token: user.token, query: '?lastEventId=-1' })).status).toBe(400);

    expect((await api('POST', '/api/auth/logout', { token: user.token })).status).toBe(204);
    expect((await open({ token: user.token })).status).toBe(401);
  });

  it('ends the stream when the access token expires', async () => {
    const user = await newUser('Expiring');
    const stream = await open({ token: await shortToken(user.id, 3), baseUrl: second });
    expect(stream.status).toBe(200);
    const opened = Date.now();
    await stream.ended;
    expect(Date.now() - opened).toBeLessThan(5000);
    expect(stream.received.filter((item) => item.kind === 'comment').map((item) => item.text)).toContain('token expired');
  });

  it('ends the stream soon after its session is logged out', async () => {
    const user = await newUser('Revoked');
    const stream = await open({ token: user.token, baseUrl: second });
    await stream.waitFor((received) => received.some((item) => item.kind === 'event'));
    expect((await api('POST', '/api/auth/logout', { token: user.token })).status).toBe(204);
    const loggedOut = Date.now();
    await stream.ended;
    expect(Date.now() - loggedOut).toBeLessThan(HEARTBEAT_MS * 3 + 1000);
    expect(stream.received.filter((item) => item.kind === 'comment').map((item) => item.text)).toContain('token revoked');
  });
});

describe('the browser cookie', () => {
  it('is set at a cookie-mode login and refresh for the stream path only, authenticates the stream, and is cleared at logout', async () => {
    const user = await newUser('Cookie');
    const login = await api('POST', '/api/auth/login', { body: { email: user.email, password: user.password, mode: 'cookie' } });
    expect(login.status).toBe(200);
    const cookies = setCookies(login.headers);
    const streamCookie = cookies.sc_stream!;
    expect(streamCookie).toMatch(/; Max-Age=900;/);
    expect(streamCookie).toContain('Path=/api/notifications/stream');
    expect(streamCookie).toContain('HttpOnly');
    expect(streamCookie).toContain('Secure');
    expect(streamCookie).toContain('SameSite=Strict');
    expect(cookieValue(streamCookie)).toBe(login.body.data.accessToken);

    const stream = await open({ cookie: `sc_stream=${cookieValue(streamCookie)}`, baseUrl: second });
    expect(stream.status).toBe(200);
    await publish(user.id, { type: 'notification', notification: notification(1003), unreadCount: 1 });
    await stream.waitFor(() => stream.events('notification').some((event) => event.id === '1003'));
    // A cookie sent anywhere else is not a credential.
    expect((await api('GET', '/api/users/me', { headers: { cookie: `sc_stream=${cookieValue(streamCookie)}` } })).status).toBe(401);

    const csrf = login.body.data.csrfToken as string;
    const sessionCookies = `sc_refresh=${cookieValue(cookies.sc_refresh)}; sc_csrf=${csrf}`;
    const refreshed = await api('POST', '/api/auth/refresh', { body: {}, headers: { cookie: sessionCookies, 'x-csrf-token': csrf } });
    expect(refreshed.status).toBe(200);
    const renewed = setCookies(refreshed.headers).sc_stream!;
    expect(cookieValue(renewed)).toBe(refreshed.body.data.accessToken);
    expect(renewed).toContain('Path=/api/notifications/stream');

    const newCsrf = refreshed.body.data.csrfToken as string;
    const logout = await api('POST', '/api/auth/logout', {
      token: refreshed.body.data.accessToken,
      headers: { cookie: `sc_refresh=${cookieValue(setCookies(refreshed.headers).sc_refresh)}; sc_csrf=${newCsrf}`, 'x-csrf-token': newCsrf },
    });
    expect(logout.status).toBe(204);
    const cleared = setCookies(logout.headers).sc_stream!;
    expect(cleared).toMatch(/^sc_stream=;/);
    expect(cleared).toContain('Path=/api/notifications/stream');
    expect((await open({ cookie: `sc_stream=${cookieValue(renewed)}` })).status).toBe(401);
  });

  it('is not set at a login in token mode', async () => {
    const user = await newUser('NoCookie');
    const login = await api('POST', '/api/auth/login', { body: { email: user.email, password: user.password } });
    expect(setCookies(login.headers).sc_stream).toBeUndefined();
  });
});

describe('shutdown', () => {
  // Last in this file: it stops the second gateway.
  it('ends the open streams with a reason and lets the gateway exit promptly', async () => {
    const user = await newUser('Shutdown');
    const stream = await open({ token: user.token, baseUrl: second });
    await stream.waitFor((received) => received.some((item) => item.kind === 'event'));
    const stopping = Date.now();
    await other.stop();
    await stream.ended;
    expect(Date.now() - stopping).toBeLessThan(5000);
    expect(stream.received.filter((item) => item.kind === 'comment').map((item) => item.text)).toContain('gateway stopping');
  });
});
