import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { processSpec } from '@smartcourse/contracts';
import { createDb } from '@smartcourse/platform';
import { eventually } from '../support/eventually.js';
import { env } from '../support/env.js';
import { api, newUser } from '../support/http.js';
import { closeKafka } from '../support/kafka.js';
import { usePlatform } from '../support/platform.js';
import { refuseConnections } from '../support/postgres.js';
import { metricSum } from '../support/metrics.js';

usePlatform();
const redis = new Redis(env.redisUrl);
const userDb = createDb({ url: env.userDatabaseUrl, poolMax: 2 });
afterAll(async () => {
  redis.disconnect();
  await userDb.destroy();
  await closeKafka();
});

const userServiceUrl = `http://127.0.0.1:${processSpec('user').port}`;
const internalHeaders = { 'x-internal-token': process.env.INTERNAL_API_TOKEN ?? 'local-internal-token-change-me' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const metric = (name: string) => metricSum(userServiceUrl, name);

describe('delivery guarantees under faults', () => {
  it('applies a command sent while the user database refuses connections, once the database is back', async () => {
    const user = await newUser('Outage');
    const waitsBefore = await metric('kafka_consumer_waits_total');

    const outage = await refuseConnections(new URL(env.userDatabaseUrl).pathname.slice(1));
    let restored = false;
    try {
      const patched = await api('PATCH', '/api/users/me', { token: user.token, body: { fullName: 'Patient Person' } });
      expect(patched.status).toBe(202);
      const commandId = patched.headers.get('x-command-id') as string;
      // Longer than the old retries lasted (about 3 s) before they dead-lettered the command.
      await sleep(10_000);
      const during = await api('GET', `/api/commands/${commandId}`, { token: user.token });
      expect(during.body.data.status).toBe('pending');
      await outage.restore();
      restored = true;

      const done = await eventually(
        () => api('GET', `/api/commands/${commandId}`, { token: user.token }),
        (answer) => answer.body.data.status !== 'pending',
        30_000,
      );
      expect(done.body.data.status).toBe('succeeded');
      const me = await api('GET', '/api/users/me', { token: user.token });
      expect(me.body.data.fullName).toBe('Patient Person');
      expect(await metric('kafka_consumer_waits_total')).toBeGreaterThan(waitsBefore);
    } finally {
      if (!restored) await outage.restore();
    }
  }, 90_000);

  it('answers a retried idempotent command whose idempotency record and status were lost', async () => {
    const user = await newUser('Retry');
    const key = randomUUID();
    const first = await api('PATCH', '/api/users/me', { token: user.token, body: { fullName: 'Once Only' }, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(200);
    const commandId = first.headers.get('x-command-id') as string;

    // The gateway's memory of it is gone (a crash, an eviction): both Redis records.
    const idempotencyKeys = await redis.keys(`idempotency:user:${user.id}:*`);
    expect(idempotencyKeys.length).toBeGreaterThan(0);
    await redis.del(...idempotencyKeys, `command:${commandId}`);

    const retried = await api('PATCH', '/api/users/me', { token: user.token, body: { fullName: 'Once Only' }, headers: { 'idempotency-key': key } });
    expect(retried.status).toBe(200);
    expect(retried.headers.get('x-command-id')).toBe(commandId);
    const status = await api('GET', `/api/commands/${commandId}`, { token: user.token });
    expect(status.body.data.status).toBe('succeeded');
    // Applied once: one profile event for the command, not two.
    const rows = await userDb('outbox').where({ aggregate_id: user.id, topic: 'user.profile_updated' });
    expect(rows).toHaveLength(1);
  }, 30_000);

  it('parks an outbox row that cannot be published and keeps answering commands', async () => {
    const user = await newUser('Parking');
    const [bad] = await userDb('outbox')
      .insert({
        aggregate_id: user.id,
        topic: 'user.profile_updated',
        subject: 'user.profile_updated-value',
        record_key: user.id,
        value: JSON.stringify({ userId: user.id, fullName: 42 }),
        headers: JSON.stringify({ ce_id: randomUUID() }),
      })
      .returning<Array<{ id: string }>>('id');

    const patched = await api('PATCH', '/api/users/me', { token: user.token, body: { fullName: 'Still Flowing' } });
    expect(patched.status).toBe(200);

    const parked = await eventually(
      async () =>
        (await (await fetch(`${userServiceUrl}/internal/outbox/parked`, { headers: internalHeaders })).json()) as {
          data: Array<{ id: string; error: string }>;
        },
      (answer) => answer.data.some((row) => row.id === String(bad?.id)),
    );
    expect(parked.data.find((row) => row.id === String(bad?.id))?.error).toMatch(/INVALID_RECORD/);
    expect(await metric('outbox_parked_total')).toBeGreaterThanOrEqual(1);
  }, 30_000);
});
