import { afterAll, describe, expect, it } from '@jest/globals';
import knex from 'knex';
import { env } from '../support/env.js';
import { eventually } from '../support/eventually.js';
import { api, newUser } from '../support/http.js';
import { closeKafka, decode, everythingOnKafka, readTopic } from '../support/kafka.js';
import { mailedTokens } from '../support/mail.js';
import { usePlatform } from '../support/platform.js';

const db = knex({ client: 'pg', connection: env.userDatabaseUrl });
/** Every password, token and link the tests see; none may appear on any topic. */
const secrets: string[] = [];

usePlatform();
afterAll(async () => {
  await closeKafka();
  await db.destroy();
});

async function registered(label: string) {
  const user = await newUser(label);
  secrets.push(user.password, user.token);
  return user;
}

/** The verification tokens mailed to this address, once there are at least `count`. */
async function verificationTokens(email: string, count = 1): Promise<string[]> {
  const tokens = await eventually(
    () => mailedTokens(email, '/verify-email'),
    (found) => found.length >= count,
  );
  expect(tokens.length).toBeGreaterThanOrEqual(count);
  secrets.push(...tokens);
  return tokens;
}

const verify = (token: string) => api('POST', '/api/auth/email/verify', { body: { token } });
const resend = (token: string) => api('POST', '/api/auth/email/resend', { token });
const profile = async (token: string) => (await api('GET', '/api/users/me', { token })).body.data;
/** Moves this user's verification mails back in time, as if minutes had passed. */
const ageMails = (userId: string, minutes: number) =>
  db('email_verification_tokens')
    .where({ user_id: userId })
    .update({ created_at: db.raw(`created_at - interval '${minutes} minutes'`) });

describe('email verification', () => {
  it('mails a link at registration; the link verifies the address once and publishes user.email_verified', async () => {
    const user = await registered('Verify');
    expect(await profile(user.token)).toMatchObject({ emailVerified: false });

    const tokens = await verificationTokens(user.email);
    expect(tokens).toHaveLength(1);
    const [token] = tokens;

    const verified = await verify(token!);
    expect(verified.status).toBe(204);
    expect(await profile(user.token)).toMatchObject({ emailVerified: true });

    const again = await verify(token!);
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('INVALID_TOKEN');

    const events = await eventually(
      async () => {
        const found = [];
        for (const record of await readTopic('user.email_verified')) {
          if (record.key === user.id) found.push({ record, value: await decode<{ userId: string; eventId: string; occurredAt: number }>(record) });
        }
        return found;
      },
      (found) => found.length > 0,
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.value.userId).toBe(user.id);
    expect(events[0]!.record.headers.ce_type).toBe('smartcourse.user.email_verified');
  });

  it('refuses garbage, unknown and expired tokens', async () => {
    expect((await verify('not-a-token')).body.error.code).toBe('VALIDATION_ERROR');
    const unknown = await verify('A'.repeat(43));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('INVALID_TOKEN');

    const user = await registered('Expired');
    const [token] = await verificationTokens(user.email);
    await db('email_verification_tokens')
      .where({ user_id: user.id })
      .update({ expires_at: db.raw(`now() - interval '1 minute'`) });
    const expired = await verify(token!);
    expect(expired.status).toBe(400);
    expect(expired.body.error.code).toBe('INVALID_TOKEN');
    expect(await profile(user.token)).toMatchObject({ emailVerified: false });
  });

  it('stores only a hash of the token, with a 24-hour expiry', async () => {
    const user = await registered('Hashed');
    const [token] = await verificationTokens(user.email);
    const rows = await db('email_verification_tokens').where({ user_id: user.id });
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(token);
    const ttlHours = (rows[0].expires_at.getTime() - rows[0].created_at.getTime()) / 3_600_000;
    expect(ttlHours).toBeCloseTo(24, 1);
  });

  it('resends at most once a minute and five times a day, with Retry-After, and only the newest link works', async () => {
    const user = await registered('Resend');
    const [first] = await verificationTokens(user.email);

    const tooSoon = await resend(user.token);
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.body.error.code).toBe('RATE_LIMITED');
    const wait = Number(tooSoon.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);

    // The registration mail counts: four more make five in a day.
    let tokens = [first!];
    let newest = first!;
    for (let sent = 2; sent <= 5; sent++) {
      await ageMails(user.id, 2);
      const answer = await resend(user.token);
      expect(answer.status).toBe(202);
      expect(answer.body.data.message).toEqual(expect.any(String));
      const now = await verificationTokens(user.email, sent);
      newest = now.find((token) => !tokens.includes(token))!;
      tokens = now;
    }
    await ageMails(user.id, 2);
    const sixth = await resend(user.token);
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(23 * 3600 - 20 * 60);

    for (const older of tokens.filter((token) => token !== newest)) expect((await verify(older)).body.error.code).toBe('INVALID_TOKEN');
    expect((await verify(newest)).status).toBe(204);
    expect(await profile(user.token)).toMatchObject({ emailVerified: true });

    const verifiedAlready = await resend(user.token);
    expect(verifiedAlready.status).toBe(409);
    expect(verifiedAlready.body.error.code).toBe('EMAIL_ALREADY_VERIFIED');
  });

  it('needs a signed-in user to resend', async () => {
    expect((await api('POST', '/api/auth/email/resend')).status).toBe(401);
  });

  it('puts no password, token or link on any topic', async () => {
    expect(secrets.length).toBeGreaterThan(5);
    const haystack = await everythingOnKafka();
    for (const secret of secrets) expect(haystack.includes(secret)).toBe(false);
    expect(haystack).not.toContain('verify-email?token=');
    expect(haystack).not.toContain('reset-password?token=');
  }, 120_000);
});
