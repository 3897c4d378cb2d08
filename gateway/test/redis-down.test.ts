import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { newUser } from '../../test/support/http.js';
import { operationsHeaders } from '../../test/support/operations.js';
import { usePlatform } from '../../test/support/platform.js';
import { startProcess, type RunningProcess } from '../../test/support/processes.js';

/** A Redis of this test's own, so it can be killed without touching the shared one. */
const REDIS_PORT = 6391;
const GATEWAY_PORT = 3021;

usePlatform();

let redis: ChildProcess;
let gateway: RunningProcess;
/** Signed in before Redis dies (through the platform's own gateway, which uses the shared Redis). */
let signedIn: { token: string };

async function redisUp(): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const { Redis } = await import('ioredis');
    const client = new Redis({ port: REDIS_PORT, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await client.connect();
      await client.ping();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      client.disconnect();
    }
  }
  throw new Error('the test Redis did not start');
}

beforeAll(async () => {
  redis = spawn('redis-server', ['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await redisUp();
  gateway = await startProcess('gateway', {
    port: GATEWAY_PORT,
    env: { GATEWAY_PORT: String(GATEWAY_PORT), REDIS_URL: `redis://127.0.0.1:${REDIS_PORT}`, RATE_LIMIT_ANONYMOUS: '3/min' },
  });
  signedIn = await newUser('RedisDown');
}, 180_000);
afterAll(async () => {
  await gateway?.stop();
  if (redis && redis.exitCode === null) redis.kill('SIGKILL');
});

const get = (path: string, ip: string) => fetch(`http://127.0.0.1:${GATEWAY_PORT}${path}`, { headers: { 'x-forwarded-for': ip } });

const signedInCall = (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) =>
  fetch(`http://127.0.0.1:${GATEWAY_PORT}${path}`, {
    method,
    headers: { authorization: `Bearer ${signedIn.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('the gateway when Redis dies', () => {
  beforeAll(async () => {
    redis.kill('SIGKILL');
    await new Promise((resolve) => redis.once('exit', resolve));
  });

  it('keeps limiting with per-process counters and reports Redis in /ready', async () => {
    const ip = `2001:db8:dead:${randomBytes(2).toString('hex')}::1`;
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const answer = await get('/api/openapi.json', ip);
      statuses.push(answer.status);
      expect(answer.headers.get('ratelimit-limit')).toBe('3');
    }
    expect(statuses).toEqual([200, 200, 200, 429]);

    const ready = await fetch(`http://127.0.0.1:${GATEWAY_PORT}/ready`, { headers: operationsHeaders() });
    expect(ready.status).toBe(503);
    const { data } = (await ready.json()) as { data: { ready: boolean; checks: Record<string, string> } };
    expect(data.ready).toBe(false);
    expect(data.checks.redis).not.toBe('ok');
    expect(data.checks.kafka).toBe('ok');
    expect((await fetch(`http://127.0.0.1:${GATEWAY_PORT}/health`)).status).toBe(200);
  });

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After on signed-in routes, never a 500 or a token let through', async () => {
    // Each kind of signed-in route: a query, a command with an Idempotency-Key, a command status,
    // a logout. The deny-list check comes first on all of them, so that is the call that fails.
    const calls = [
      signedInCall('GET', '/api/users/me'),
      signedInCall('PATCH', '/api/users/me', { 'idempotency-key': `redis-down-${randomBytes(4).toString('hex')}` }, { bio: 'not now' }),
      signedInCall('GET', `/api/commands/${randomUUID()}`),
      signedInCall('POST', '/api/auth/logout'),
    ];
    for (const answer of await Promise.all(calls)) {
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
      const body = (await answer.json()) as { error: { code: string } };
      expect(body.error.code).toBe('SERVICE_UNAVAILABLE');
    }
    // A forged token is still refused before Redis is asked.
    const forged = await fetch(`http://127.0.0.1:${GATEWAY_PORT}/api/users/me`, { headers: { authorization: `Bearer ${signedIn.token}x` } });
    expect(forged.status).toBe(401);
  });
});
