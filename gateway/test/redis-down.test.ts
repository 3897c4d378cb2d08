import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startPlatform, startProcess, type RunningProcess } from '../../test/support/processes.js';

/** A Redis of this test's own, so it can be killed without touching the shared one. */
const REDIS_PORT = 6391;
const GATEWAY_PORT = 3021;

let platform: { stop(): Promise<void> };
let redis: ChildProcess;
let gateway: RunningProcess;

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
  platform = await startPlatform();
  gateway = await startProcess('gateway', {
    port: GATEWAY_PORT,
    env: { GATEWAY_PORT: String(GATEWAY_PORT), REDIS_URL: `redis://127.0.0.1:${REDIS_PORT}`, RATE_LIMIT_ANONYMOUS: '3/min' },
  });
}, 180_000);
afterAll(async () => {
  await gateway?.stop();
  await platform?.stop();
  if (redis && redis.exitCode === null) redis.kill('SIGKILL');
});

const get = (path: string, ip: string) => fetch(`http://127.0.0.1:${GATEWAY_PORT}${path}`, { headers: { 'x-forwarded-for': ip } });

describe('the gateway when Redis dies', () => {
  it('keeps limiting with per-process counters and reports Redis in /ready', async () => {
    redis.kill('SIGKILL');
    await new Promise((resolve) => redis.once('exit', resolve));

    const ip = `2001:db8:dead:${randomBytes(2).toString('hex')}::1`;
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const answer = await get('/api/openapi.json', ip);
      statuses.push(answer.status);
      expect(answer.headers.get('ratelimit-limit')).toBe('3');
    }
    expect(statuses).toEqual([200, 200, 200, 429]);

    const ready = await fetch(`http://127.0.0.1:${GATEWAY_PORT}/ready`);
    expect(ready.status).toBe(503);
    const { data } = (await ready.json()) as { data: { ready: boolean; checks: Record<string, string> } };
    expect(data.ready).toBe(false);
    expect(data.checks.redis).not.toBe('ok');
    expect(data.checks.kafka).toBe('ok');
    expect((await fetch(`http://127.0.0.1:${GATEWAY_PORT}/health`)).status).toBe(200);
  });
});
