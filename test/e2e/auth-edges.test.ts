import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import * as OTPAuth from 'otpauth';
import { processSpec } from '@smartcourse/contracts';
import { env } from '../support/env.js';
import { eventually } from '../support/eventually.js';
import { api, newUser } from '../support/http.js';
import { closeKafka } from '../support/kafka.js';
import { enroll, publishedCourse } from '../support/learning.js';
import { newAdmin, newInstructor } from '../support/people.js';
import { usePlatform } from '../support/platform.js';

/**
 * The edges where a right taken away (a role, a session, a second factor, personal data) used to
 * outlive the moment it was taken away; each is driven through the gateway.
 */
usePlatform();
const redis = new Redis(env.redisUrl);
let admin: { id: string; token: string };
beforeAll(async () => {
  admin = await newAdmin();
}, 180_000);
afterAll(async () => {
  redis.disconnect();
  await closeKafka();
});

const setRole = (id: string, role: string) => api('PUT', `/api/admin/users/${id}/role`, { token: admin.token, body: { role } });
const loginAs = async (user: { email: string; password: string }) => {
  const answer = await api('POST', '/api/auth/login', { body: { email: user.email, password: user.password } });
  expect(answer.status).toBe(200);
  return answer.body.data as { accessToken: string; refreshToken: string };
};

describe('a role change', () => {
  it("ends a demoted admin's admin rights on the tokens they already hold, at once", async () => {
    const demoted = await newUser('DemotedAdmin');
    expect((await setRole(demoted.id, 'admin')).status).toBe(200);
    const adminToken = (await loginAs(demoted)).accessToken;
    expect((await api('GET', '/api/admin/users', { token: adminToken })).status).toBe(200);

    expect((await setRole(demoted.id, 'student')).status).toBe(200);

    // No waiting: the answer to the role change means the old token is already void.
    const stale = await api('GET', '/api/admin/users', { token: adminToken });
    expect(stale.status).toBe(401);
    expect((await api('PUT', `/api/admin/users/${demoted.id}/role`, { token: adminToken, body: { role: 'admin' } })).status).toBe(401);
    // A fresh login right after carries the new role, and works.
    const fresh = (await loginAs(demoted)).accessToken;
    const me = await api('GET', '/api/users/me', { token: fresh });
    expect([me.status, me.body.data.role]).toEqual([200, 'student']);
    expect((await api('GET', '/api/admin/users', { token: fresh })).status).toBe(403);
    // The user service owns the role: it checks an admin claim against the account as it is now.
    const claimed = await fetch(`http://127.0.0.1:${processSpec('user').port}/internal/admin/users`, {
      headers: { 'x-internal-token': process.env.INTERNAL_API_TOKEN ?? 'local-internal-token-change-me', 'x-actor-id': demoted.id, 'x-actor-role': 'admin' },
    });
    expect(claimed.status).toBe(403);
  });

  it('survives a lost Redis key: every gateway also keeps the role changes of one token lifetime', async () => {
    const demoted = await newUser('LostMark');
    expect((await setRole(demoted.id, 'admin')).status).toBe(200);
    const adminToken = (await loginAs(demoted)).accessToken;
    expect((await setRole(demoted.id, 'student')).status).toBe(200);
    await eventually(
      () => redis.del(`denied:user:${demoted.id}`),
      (deleted) => deleted === 1,
    );
    expect((await api('GET', '/api/admin/users', { token: adminToken })).status).toBe(401);
  });
});

describe('a demoted instructor', () => {
  it('loses owner rights over their former course: answer keys, attempts and edits', async () => {
    const instructor = await newInstructor(admin, 'DemotedTeacher');
    const course = await publishedCourse(instructor.token);
    const student = await newUser('Learner');
    expect((await enroll(student.token, course.courseId)).status).toBe(201);
    expect((await api('GET', `/api/lessons/${course.quizLesson}/quiz`, { token: instructor.token })).body.data.questions[0].correct).toEqual(['a']);

    expect((await setRole(instructor.id, 'student')).status).toBe(200);
    const asStudent = (await loginAs(instructor)).accessToken;

    for (const token of [instructor.token, asStudent]) {
      const quiz = await api('GET', `/api/lessons/${course.quizLesson}/quiz`, { token });
      expect(JSON.stringify(quiz.body)).not.toContain('"correct"');
      const attempts = await api('GET', `/api/quizzes/${course.quizId}/attempts?studentId=${student.id}`, { token });
      expect(attempts.status).not.toBe(200);
      const edit = await api('PATCH', `/api/courses/${course.courseId}`, { token, body: { summary: 'Taken over.' } });
      expect(edit.status).not.toBe(200);
      const quizEdit = await api('PUT', `/api/lessons/${course.quizLesson}/quiz`, {
        token,
        body: {
          title: 'Mine',
          passMarkPercent: 0,
          shuffle: false,
          gradingMethod: 'highest',
          questions: [
            {
              kind: 'true_false',
              prompt: 'Yes?',
              points: 1,
              options: [
                { id: 't', text: 'True' },
                { id: 'f', text: 'False' },
              ],
              correct: ['t'],
            },
          ],
        },
      });
      expect(quizEdit.status).not.toBe(200);
      const roster = await api('GET', `/api/courses/${course.courseId}/enrollments`, { token });
      expect(roster.status).not.toBe(200);
    }
    const quiz = await api('GET', `/api/lessons/${course.quizLesson}/quiz`, { token: asStudent });
    expect([quiz.status, quiz.body.error?.code]).toEqual([403, 'ENROLLMENT_REQUIRED']);
    const edit = await api('PATCH', `/api/courses/${course.courseId}`, { token: asStudent, body: { summary: 'Taken over.' } });
    expect(edit.status).toBe(403);
  });
});

describe('refresh-token reuse', () => {
  it("ends the access tokens of the family's rotations too", async () => {
    const user = await newUser('ReusedFamily');
    const first = await loginAs(user);
    const rotated = await api('POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(rotated.status).toBe(200);
    const rotatedAccess: string = rotated.body.data.accessToken;
    expect((await api('GET', '/api/users/me', { token: rotatedAccess })).status).toBe(200);
    const other = await loginAs(user);

    const reused = await api('POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect([reused.status, reused.body.error.code]).toEqual([401, 'REFRESH_TOKEN_REUSED']);
    expect(JSON.stringify(reused.body)).not.toContain('sessionId');

    expect((await api('GET', '/api/users/me', { token: rotatedAccess })).status).toBe(401);
    expect((await api('GET', '/api/users/me', { token: first.accessToken })).status).toBe(401);
    // Another session of the same person is not that family.
    expect((await api('GET', '/api/users/me', { token: other.accessToken })).status).toBe(200);
  });
});

describe('turning MFA off', () => {
  it('refuses further codes after five wrong ones, even the right one', async () => {
    const user = await newUser('MfaGuess');
    const secret: string = (await api('POST', '/api/auth/mfa/setup', { token: user.token })).body.data.secret;
    const code = (stepsAhead = 0) =>
      new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
        timestamp: Date.now() + stepsAhead * 30_000,
      });
    expect((await api('POST', '/api/auth/mfa/confirm', { token: user.token, body: { code: code() } })).status).toBe(200);

    const wrong = () => api('POST', '/api/auth/mfa/disable', { token: user.token, body: { code: '000000' } });
    for (let attempt = 1; attempt <= 4; attempt += 1) expect((await wrong()).body.error.code).toBe('INVALID_MFA_CODE');
    const fifth = await wrong();
    expect([fifth.status, fifth.body.error.code]).toEqual([429, 'MFA_LOCKED']);
    const right = await api('POST', '/api/auth/mfa/disable', { token: user.token, body: { code: code(1) } });
    expect([right.status, right.body.error.code]).toEqual([429, 'MFA_LOCKED']);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    // Still on: a login asks for the second factor.
    expect((await api('POST', '/api/auth/login', { body: { email: user.email, password: user.password } })).body.data.mfaRequired).toBe(true);
  });
});

describe('the idempotency cache', () => {
  it('keeps no personal data of a person once they are erased', async () => {
    const marker = `Secretname${randomUUID().slice(0, 8)}`;
    const user = await newUser('Forgotten', { fullName: marker });
    const email = user.email.toLowerCase();
    const own = await api('PATCH', '/api/users/me', { token: user.token, body: { bio: `${marker} bio` }, headers: { 'idempotency-key': randomUUID() } });
    expect(own.status).toBe(200);
    const adminKey = randomUUID();
    const byAdmin = await api('PUT', `/api/admin/users/${user.id}/role`, {
      token: admin.token,
      body: { role: 'instructor' },
      headers: { 'idempotency-key': adminKey },
    });
    expect(JSON.stringify(byAdmin.body)).toContain(email);
    expect(await cachedAnswersMentioning(email)).toBeGreaterThan(0);

    expect((await api('DELETE', `/api/admin/users/${user.id}`, { token: admin.token })).status).toBe(200);

    await eventually(
      () => cachedAnswersMentioning(email, marker),
      (found) => found === 0,
    );
    const replay = await api('PUT', `/api/admin/users/${user.id}/role`, {
      token: admin.token,
      body: { role: 'instructor' },
      headers: { 'idempotency-key': adminKey },
    });
    expect(JSON.stringify(replay.body)).not.toContain(email);
    expect(JSON.stringify(replay.body)).not.toContain(marker);
  });
});

/** How many idempotency records in Redis hold any of the texts. */
async function cachedAnswersMentioning(...texts: string[]): Promise<number> {
  let found = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', 'idempotency:*', 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const value = await redis.get(key);
      if (value && texts.some((text) => value.includes(text))) found += 1;
    }
  } while (cursor !== '0');
  return found;
}
