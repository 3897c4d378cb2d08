import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { api, newUser, uniqueEmail } from '../support/http.js';
import { eventually } from '../support/eventually.js';
import { closeKafka, decode, everythingOnKafka, produceRaw, readTopic, registry } from '../support/kafka.js';
import { mailTo } from '../support/mail.js';
import { usePlatform } from '../support/platform.js';
import { startProcess } from '../support/processes.js';

usePlatform();
afterAll(async () => {
  await closeKafka();
});

/** Every secret the flows below handled; none may appear on any topic. */
const secrets: string[] = [];

describe('the walking skeleton through the gateway', () => {
  it('registers, logs in, reads and changes the profile', async () => {
    const email = uniqueEmail('Skeleton');
    const password = `correct-horse-${randomUUID()}`;
    secrets.push(password);

    const registered = await api('POST', '/api/auth/register', { body: { email, password, fullName: 'Ada Lovelace' } });
    expect(registered.status).toBe(201);
    expect(registered.body.data).toMatchObject({ email: email.toLowerCase(), fullName: 'Ada Lovelace', role: 'student', bio: null });
    expect(registered.body.data).not.toHaveProperty('password');
    expect(registered.headers.get('x-request-id')).toBeTruthy();

    const login = await api('POST', '/api/auth/login', { body: { email, password } });
    expect(login.status).toBe(200);
    expect(login.body.data).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    const token: string = login.body.data.accessToken;
    secrets.push(token);

    const me = await api('GET', '/api/users/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.data.id).toBe(registered.body.data.id);

    const patched = await api('PATCH', '/api/users/me', { token, body: { fullName: 'Ada King', bio: 'Analyst' } });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ id: registered.body.data.id, fullName: 'Ada King', bio: 'Analyst' });

    const commandId = patched.headers.get('x-command-id');
    expect(commandId).toBeTruthy();
    const status = await api('GET', `/api/commands/${commandId}`, { token });
    expect(status.status).toBe(200);
    expect(status.body.data).toMatchObject({ commandId, status: 'succeeded', commandType: 'UpdateProfile' });

    const again = await api('GET', '/api/users/me', { token });
    expect(again.body.data).toMatchObject({ fullName: 'Ada King', bio: 'Analyst' });
  });

  it('refuses a second account with the same email with 409 and writes nothing', async () => {
    const user = await newUser('Taken');
    secrets.push(user.password, user.token);
    const second = await api('POST', '/api/auth/register', {
      body: { email: user.email.toUpperCase(), password: 'another-long-password', fullName: 'Someone Else' },
    });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('EMAIL_TAKEN');
    const stillOld = await api('POST', '/api/auth/login', { body: { email: user.email, password: 'another-long-password' } });
    expect(stillOld.status).toBe(401);
  });

  it('sends one welcome email per new account', async () => {
    const user = await newUser('Welcome');
    secrets.push(user.password, user.token);
    const welcome = async () => (await mailTo(user.email)).filter((m) => m.subject === 'Welcome to SmartCourse');
    await eventually(welcome, (found) => found.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // room for a wrong second one
    const mail = await welcome();
    expect(mail).toHaveLength(1);
    expect(mail[0]?.text).toContain('Test Welcome');
  });

  it('publishes user.registered that a plain client decodes through the registry, with CloudEvents headers and trace context', async () => {
    const user = await newUser('Event');
    secrets.push(user.password, user.token);
    const records = await eventually(
      async () => (await readTopic('user.registered')).filter((r) => r.key === user.id),
      (found) => found.length > 0,
    );
    expect(records).toHaveLength(1);
    const record = records[0]!;
    const value = await decode<{ userId: string; email: string; eventId: string; occurredAt: number }>(record);
    expect(value).toMatchObject({ userId: user.id, email: user.email.toLowerCase() });
    expect(record.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_id: value.eventId,
      ce_source: '/smartcourse/user',
      ce_type: 'smartcourse.user.registered',
      ce_subject: user.id,
      'content-type': 'application/avro',
    });
    expect(new Date(record.headers.ce_time!).getTime()).toBe(value.occurredAt);
    expect(record.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
    expect(record.headers.correlation_id).toBeTruthy();
  });

  it('answers 202 with a Location when the result is late, and the status URL reports the outcome', async () => {
    const slowGateway = await startProcess('gateway', { port: 3010, env: { GATEWAY_PORT: '3010', COMMAND_WAIT_MS: '0' } });
    try {
      const user = await newUser('Late');
      secrets.push(user.password, user.token);
      const response = await fetch('http://127.0.0.1:3010/api/users/me', {
        method: 'PATCH',
        headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ bio: 'patient' }),
      });
      expect(response.status).toBe(202);
      const location = response.headers.get('location');
      expect(location).toMatch(/^\/api\/commands\/[0-9a-f-]{36}$/);
      const final = await eventually(
        () => api('GET', location!, { token: user.token }),
        (answer) => answer.body.data.status !== 'pending',
      );
      expect(final.body.data.status).toBe('succeeded');
      const other = await newUser('Snoop');
      secrets.push(other.password, other.token);
      expect((await api('GET', location!, { token: other.token })).status).toBe(403);
    } finally {
      await slowGateway.stop();
    }
  });

  it('applies a redelivered command once', async () => {
    const user = await newUser('Redelivered');
    secrets.push(user.password, user.token);
    const subject = 'user.commands-smartcourse.commands.user.UpdateProfile';
    const id = await registry.getLatestSchemaId(subject);
    const commandId = randomUUID();
    const fullName = `Once ${commandId.slice(0, 8)}`;
    const value = await registry.encode(id, {
      commandId,
      issuedAt: Date.now(),
      actor: { userId: user.id, role: 'student' },
      userId: user.id,
      fullName,
      bio: null,
    });
    const headers = { ce_id: commandId, correlation_id: commandId };
    await produceRaw('user.commands', [{ key: user.id, value, headers }]);
    await produceRaw('user.commands', [{ key: user.id, value, headers }]);

    await eventually(
      async () => (await readTopic('command.results')).filter((r) => r.key === commandId),
      (found) => found.length > 0,
    );
    await new Promise((resolve) => setTimeout(resolve, 1500)); // room for a wrong second apply
    const events = [];
    for (const record of await readTopic('user.profile_updated')) {
      if (record.key !== user.id) continue;
      const event = await decode<{ fullName: string }>(record);
      if (event.fullName === fullName) events.push(event);
    }
    expect(events).toHaveLength(1);
    // The redelivery is answered again with the original result, so a caller that lost it gets it.
    const answers = await eventually(
      async () => (await readTopic('command.results')).filter((r) => r.key === commandId),
      (found) => found.length === 2,
    );
    const decoded = await Promise.all(answers.map((r) => decode<{ status: string; occurredAt: number }>(r)));
    expect(decoded.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    expect(decoded[1]!.occurredAt).toBe(decoded[0]!.occurredAt);
  });

  it('puts no password, password hash or token on any topic', async () => {
    expect(secrets.length).toBeGreaterThan(5);
    const haystack = await everythingOnKafka();
    expect(haystack.length).toBeGreaterThan(1000);
    for (const secret of secrets) expect(haystack.includes(secret)).toBe(false);
    expect(haystack).not.toMatch(/\$argon2/);
    expect(haystack).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\./); // no JWT of any kind
  });
});
