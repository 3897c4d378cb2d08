import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { enrollmentIdOf } from '@smartcourse/contracts';
import { createDb } from '@smartcourse/platform';
import { env } from '../support/env.js';
import { eventually } from '../support/eventually.js';
import { api, newUser } from '../support/http.js';
import { closeKafka, readTopic } from '../support/kafka.js';
import { newAdmin, newInstructor } from '../support/people.js';
import { usePlatform } from '../support/platform.js';

const enrollmentDb = createDb({ url: env.enrollmentDatabaseUrl, poolMax: 1 });
// Enrollment-progress's relay is held, so it dies with its rows committed and not yet published.
const platform = usePlatform({ env: { 'enrollment-progress': { OUTBOX_RELAY_ENABLED: 'false' } } });
afterAll(async () => {
  await closeKafka();
  await enrollmentDb.destroy();
});

describe('enrollment-progress across a crash', () => {
  it('publishes an enrollment committed before a kill -9 exactly once after the restart, and answers its command', async () => {
    const instructor = await newInstructor(await newAdmin(), 'CrashTeacher');
    const course = await api('POST', '/api/courses', {
      token: instructor.token,
      body: { title: `Crash ${randomUUID().slice(0, 8)}`, summary: 'Kept.', level: 'beginner', language: 'en', priceCents: 0, currency: 'EUR' },
    });
    const courseId = course.body.data.id as string;
    const moduleId = (await api('POST', `/api/courses/${courseId}/modules`, { token: instructor.token, body: { title: 'M' } })).body.data.id as string;
    await api('POST', `/api/courses/${courseId}/modules/${moduleId}/lessons`, {
      token: instructor.token,
      body: { title: 'L', kind: 'theory', durationMinutes: 1 },
    });
    expect((await api('POST', `/api/courses/${courseId}/publish`, { token: instructor.token })).status).toBe(200);
    const student = await newUser('CrashLearner');
    const enrollmentId = enrollmentIdOf(student.id, courseId);

    // The publication reached the service's course replica (its consumer runs; only its relay is held).
    await eventually(
      () => enrollmentDb('courses').where({ id: courseId, status: 'published' }),
      (rows) => rows.length === 1,
      20_000,
    );
    // The command is applied but neither its event nor its result leaves the outbox: the request waits (202).
    const accepted = await api('POST', '/api/enrollments', { token: student.token, body: { courseId } });
    expect(accepted.status).toBe(202);
    const commandId = accepted.headers.get('x-command-id') as string;
    await platform.process('enrollment-progress').kill();
    expect((await readTopic('enrollment.created')).filter((r) => r.key === enrollmentId)).toHaveLength(0);

    await platform.restart('enrollment-progress', {});
    const done = await eventually(
      () => api('GET', `/api/commands/${commandId}`, { token: student.token }),
      (answer) => answer.body.data.status !== 'pending',
      30_000,
    );
    expect(done.body.data.status).toBe('succeeded');
    const published = await eventually(
      async () => (await readTopic('enrollment.created')).filter((r) => r.key === enrollmentId),
      (found) => found.length > 0,
    );
    expect(published).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 2000)); // a second publish would show by now
    expect((await readTopic('enrollment.created')).filter((r) => r.key === enrollmentId)).toHaveLength(1);
    expect((await api('GET', `/api/enrollments/${enrollmentId}`, { token: student.token })).body.data.status).toBe('active');
  });
});
