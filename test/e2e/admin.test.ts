import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import knex from 'knex';
import { api, newUser, uniqueEmail } from '../support/http.js';
import { env } from '../support/env.js';
import { eventually } from '../support/eventually.js';
import { closeKafka, decode, readTopic } from '../support/kafka.js';
import { createAdmin } from '../support/people.js';
import { usePlatform } from '../support/platform.js';

const db = knex({ client: 'pg', connection: env.userDatabaseUrl });
let adminToken: string;
let adminId: string;

usePlatform();
beforeAll(async () => {
  const email = uniqueEmail('Admin');
  const password = 'admin-password-for-tests-1';
  const created = createAdmin(email, password);
  expect(created.stderr).toBe('');
  expect(created.status).toBe(0);
  const login = await api('POST', '/api/auth/login', { body: { email, password } });
  adminToken = login.body.data.accessToken;
  adminId = (await api('GET', '/api/users/me', { token: adminToken })).body.data.id;
}, 180_000);
afterAll(async () => {
  await db.destroy();
  await closeKafka();
});

describe('administration', () => {
  it('creates the first admin only from the command line, and running it again promotes nobody twice', async () => {
    const me = await api('GET', '/api/users/me', { token: adminToken });
    expect(me.body.data.role).toBe('admin');
    const student = await newUser('Promote');
    const again = createAdmin(student.email, 'ignored-because-the-account-exists');
    expect(again.status).toBe(0);
    const relogin = await api('POST', '/api/auth/login', { body: { email: student.email, password: student.password } });
    const profile = await api('GET', '/api/users/me', { token: relogin.body.data.accessToken });
    expect(profile.body.data.role).toBe('admin');
  });

  it('refuses admin routes to students and to anonymous callers', async () => {
    const student = await newUser('Nosy');
    expect((await api('GET', '/api/admin/users', { token: student.token })).status).toBe(403);
    expect((await api('GET', '/api/admin/users')).status).toBe(401);
    expect((await api('PUT', `/api/admin/users/${student.id}/role`, { token: student.token, body: { role: 'admin' } })).status).toBe(403);
  });

  it('lists users with pagination, search and filters', async () => {
    const marker = `Findable${Date.now()}`;
    const first = await newUser(marker);
    await newUser(marker);
    const page = await api('GET', `/api/admin/users?q=${marker.toLowerCase()}&per_page=1&page=1&role=student&status=active`, { token: adminToken });
    expect(page.status).toBe(200);
    expect(page.body.meta).toEqual({ page: 1, per_page: 1, total: 2, pages: 2 });
    expect(page.body.data).toHaveLength(1);
    const one = await api('GET', `/api/admin/users/${first.id}`, { token: adminToken });
    expect(one.body.data).toMatchObject({ id: first.id, email: first.email.toLowerCase(), role: 'student' });
    const bad = await api('GET', '/api/admin/users?per_page=1000&role=pilot', { token: adminToken });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['per_page', 'role']);
  });

  it('changes roles as commands with a user.role_changed event, and never an admin own role', async () => {
    const user = await newUser('Teacher');
    const changed = await api('PUT', `/api/admin/users/${user.id}/role`, { token: adminToken, body: { role: 'instructor' } });
    expect(changed.status).toBe(200);
    expect(changed.body.data.role).toBe('instructor');
    const events = await eventually(
      async () => (await readTopic('user.role_changed')).filter((r) => r.key === user.id),
      (found) => found.length > 0,
    );
    expect(await decode(events[0]!)).toMatchObject({ userId: user.id, role: 'instructor', previousRole: 'student', by: adminId });

    const own = await api('PUT', `/api/admin/users/${adminId}/role`, { token: adminToken, body: { role: 'student' } });
    expect(own.status).toBe(409);
    expect(own.body.error.code).toBe('CANNOT_CHANGE_OWN_ROLE');
  });

  it('lets an instructor publish a public profile', async () => {
    const user = await newUser('Lecturer');
    await api('PUT', `/api/admin/users/${user.id}/role`, { token: adminToken, body: { role: 'instructor' } });
    const login = await api('POST', '/api/auth/login', { body: { email: user.email, password: user.password } });
    const token = login.body.data.accessToken;
    const set = await api('PUT', '/api/instructors/me/profile', {
      token,
      body: { title: 'Professor', bio: 'Teaches Kafka', expertise: ['kafka', 'avro', 'kafka'] },
    });
    expect(set.status).toBe(200);
    expect(set.body.data).toMatchObject({ id: user.id, title: 'Professor', expertise: ['kafka', 'avro'] });
    const open = await api('GET', `/api/instructors/${user.id}`);
    expect(open.status).toBe(200);
    expect(open.body.data.fullName).toBe('Test Lecturer');
    const student = await newUser('NotTeacher');
    expect((await api('PUT', '/api/instructors/me/profile', { token: student.token, body: { title: 'x', bio: 'y', expertise: [] } })).status).toBe(403);
    expect((await api('GET', `/api/instructors/${student.id}`)).status).toBe(404);
  });

  it('deactivates and reactivates an account', async () => {
    const user = await newUser('Paused');
    const off = await api('POST', `/api/admin/users/${user.id}/deactivate`, { token: adminToken, body: { reason: 'abuse report' } });
    expect(off.status).toBe(200);
    expect(off.body.data.status).toBe('deactivated');
    const refused = await api('POST', '/api/auth/login', { body: { email: user.email, password: user.password } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('ACCOUNT_DEACTIVATED');
    // Tokens issued before the deactivation stop working as soon as the gateway sees the event.
    const stale = await eventually(
      () => api('GET', '/api/users/me', { token: user.token }),
      (answer) => answer.status === 401,
    );
    expect(stale.status).toBe(401);
    const on = await api('POST', `/api/admin/users/${user.id}/reactivate`, { token: adminToken, body: {} });
    expect(on.body.data.status).toBe('active');
    const again = await api('POST', '/api/auth/login', { body: { email: user.email, password: user.password } });
    expect(again.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // a new token's iat is a later second than the deactivation
    const fresh = await api('POST', '/api/auth/login', { body: { email: user.email, password: user.password } });
    expect((await api('GET', '/api/users/me', { token: fresh.body.data.accessToken })).status).toBe(200);
    expect((await api('GET', '/api/users/me', { token: user.token })).status).toBe(401);
    const facts = await eventually(
      async () => [...(await readTopic('user.deactivated')), ...(await readTopic('user.reactivated'))].filter((r) => r.key === user.id),
      (found) => found.length === 2,
    );
    expect(facts).toHaveLength(2);
  });

  it('erases personal data from the store, tombstones the compacted user topics and purges replicas', async () => {
    const user = await newUser('Forget');
    await api('PATCH', '/api/users/me', { token: user.token, body: { bio: 'something personal' } });
    // Leave traces elsewhere in the store: a session (the login above), a failed login, an MFA secret.
    await api('POST', '/api/auth/login', { body: { email: user.email, password: 'not-the-password-at-all' } });
    expect((await api('POST', '/api/auth/mfa/setup', { token: user.token })).status).toBe(201);
    expect(await db('login_failures').where('key', `email:${user.email.toLowerCase()}`)).toHaveLength(1);
    await eventually(
      async () =>
        (await fetch(`${env.mailApiUrl}/email`).then((r) => r.json() as Promise<Array<{ to: Array<{ address: string }> }>>)).filter(
          (m) => m.to[0]?.address === user.email.toLowerCase(),
        ),
      (found) => found.length > 0,
    );
    const erased = await api('DELETE', `/api/admin/users/${user.id}`, { token: adminToken });
    expect(erased.status).toBe(200);
    expect(erased.body.data).toMatchObject({ status: 'erased', fullName: '', bio: null });

    const rows = await db('users').whereRaw('email = ? or full_name = ? or bio = ?', [user.email.toLowerCase(), 'Test Forget', 'something personal']);
    expect(rows).toHaveLength(0);
    const [row] = await db('users').where({ id: user.id });
    expect(row).toMatchObject({ status: 'erased', password_hash: '', bio: null, full_name: '' });
    for (const table of ['sessions', 'refresh_tokens', 'mfa_factors', 'mfa_recovery_codes', 'mfa_challenges', 'instructor_profiles']) {
      expect(await db(table).where('user_id', user.id)).toHaveLength(0);
    }
    expect(await db('login_failures').where('key', `email:${user.email.toLowerCase()}`)).toHaveLength(0);
    // Published outbox rows (they hold the registration's email) go too; only tombstones and the fact remain.
    const outbox = await eventually(
      () => db('outbox').where({ aggregate_id: user.id }),
      (rows) => rows.every((r: { published_at: Date | null }) => r.published_at !== null),
    );
    expect(JSON.stringify(outbox)).not.toContain(user.email.toLowerCase());
    expect(JSON.stringify(outbox)).not.toContain('something personal');

    for (const topic of ['user.registered', 'user.profile_updated']) {
      const records = await eventually(
        async () => (await readTopic(topic)).filter((r) => r.key === user.id),
        (found) => found.some((r) => r.raw === null),
      );
      expect(records[records.length - 1]!.raw).toBeNull();
    }
    const fact = await eventually(
      async () => (await readTopic('user.erased')).filter((r) => r.key === user.id),
      (found) => found.length > 0,
    );
    expect(await decode(fact[0]!)).toMatchObject({ userId: user.id, by: adminId });
    expect((await api('POST', '/api/auth/login', { body: { email: user.email, password: user.password } })).status).toBe(401);

    // The notification service forgets the person: recipient record, inbox, deliveries.
    const notifications = await mongoose.createConnection(env.mongoUrl, { dbName: 'smartcourse_notification' }).asPromise();
    try {
      const left = async () =>
        (await Promise.all(['recipients', 'inbox', 'deliveries'].map((name) => notifications.collection(name).countDocuments({ userId: user.id })))).reduce(
          (a, b) => a + b,
          0,
        );
      expect(await eventually(left, (count) => count === 0, 20_000)).toBe(0);
    } finally {
      await notifications.close();
    }
    const again = await api('DELETE', `/api/admin/users/${user.id}`, { token: adminToken });
    expect(again.status).toBe(200); // erasure is idempotent
    expect(again.body.data.status).toBe('erased');
  });
});
