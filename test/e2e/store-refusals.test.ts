import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDb } from '@smartcourse/platform';
import { enroll } from '../support/enrollments.js';
import { env } from '../support/env.js';
import { eventually } from '../support/eventually.js';
import { api } from '../support/http.js';
import { closeKafka, decode, produceRaw, readTopic, registry } from '../support/kafka.js';
import { newAdmin, newInstructor } from '../support/people.js';
import { usePlatform } from '../support/platform.js';

const courseDb = createDb({ url: env.courseDatabaseUrl, poolMax: 1 });
let instructor: Awaited<ReturnType<typeof newInstructor>>;

usePlatform();
beforeAll(async () => {
  instructor = await newInstructor(await newAdmin(), 'RefusedTeacher');
}, 180_000);
afterAll(async () => {
  await closeKafka();
  await courseDb.destroy();
});

/**
 * A CreateCourse written straight to `course.commands`, past the gateway's validation, as a faulty
 * producer might. The description is free text the course rules take as it is, so a value
 * Postgres refuses there reaches the store (a NUL in a trimmed field such as the summary is
 * refused earlier, by the rules, as VALIDATION_ERROR).
 */
async function createCourseRecord(courseId: string, description: string) {
  const id = await registry.getLatestSchemaId('course.commands-smartcourse.commands.course.CreateCourse');
  const commandId = randomUUID();
  const value = await registry.encode(id, {
    commandId,
    issuedAt: Date.now(),
    actor: { userId: instructor.id, role: 'instructor' },
    courseId,
    title: `Refusals ${courseId.slice(0, 8)}`,
    summary: 'Knots for sailors.',
    description,
    category: null,
    tags: [],
    level: 'beginner',
    language: 'en',
    priceCents: 0,
    currency: 'EUR',
    thumbnailUrl: null,
  });
  const headers = { ce_id: commandId, ce_type: 'smartcourse.course.commands.CreateCourse', ce_subject: courseId, correlation_id: commandId };
  return { commandId, record: { key: courseId, value, headers } };
}

const resultOf = async (commandId: string) => {
  const found = await eventually(
    async () => (await readTopic('command.results')).filter((r) => r.key === commandId),
    (records) => records.length > 0,
    30_000,
  );
  return decode<Record<string, unknown>>(found[0]!);
};

describe('a value the store refuses (Postgres data exception)', () => {
  it('is dead-lettered on the first attempt, answered with INVALID_VALUE, and the partition keeps flowing', async () => {
    const courseId = randomUUID();
    const bad = await createCourseRecord(courseId, 'Knots\u0000and nothing else');
    // Same key, so same partition: the good command waits behind the bad one.
    const good = await createCourseRecord(courseId, 'Knots, properly.');
    await produceRaw('course.commands', [bad.record, good.record]);

    const letters = await eventually(
      async () => (await readTopic('course.dlq')).filter((r) => r.headers.ce_id === bad.commandId),
      (found) => found.length > 0,
      30_000,
    );
    expect(letters).toHaveLength(1);
    expect(letters[0]!.headers).toMatchObject({
      dlq_reason: 'invalid_value',
      dlq_attempts: '1',
      dlq_error_code: '22021',
      dlq_source_topic: 'course.commands',
      dlq_consumer_group: 'course',
    });
    expect(letters[0]!.raw?.equals(bad.record.value)).toBe(true);

    expect(await resultOf(bad.commandId)).toMatchObject({
      commandId: bad.commandId,
      commandType: 'CreateCourse',
      aggregateId: courseId,
      status: 'failed',
      errorCode: 'INVALID_VALUE',
    });
    expect(await resultOf(good.commandId)).toMatchObject({ commandId: good.commandId, status: 'succeeded' });
    const course = await api('GET', `/api/courses/${courseId}`, { token: instructor.token });
    expect(course.status).toBe(200);
    expect(course.body.data).toMatchObject({ id: courseId, description: 'Knots, properly.' });
  });
});

describe('an event with a value the store refuses', () => {
  it("is dead-lettered by the replica's consumer on the first attempt, and the next event of the key is applied", async () => {
    const enrollmentId = randomUUID();
    const studentId = randomUUID();
    const courseId = randomUUID();
    // Avro takes any string; the replica's uuid column does not (SQLSTATE 22P02).
    const bad = await enroll('not-a-uuid', courseId, enrollmentId);
    await enroll(studentId, courseId, enrollmentId);

    const letters = await eventually(
      async () => (await readTopic('course.dlq')).filter((r) => r.headers.ce_id === bad.eventId),
      (found) => found.length > 0,
      30_000,
    );
    expect(letters).toHaveLength(1);
    expect(letters[0]!.headers).toMatchObject({
      dlq_reason: 'invalid_value',
      dlq_attempts: '1',
      dlq_error_code: '22P02',
      dlq_source_topic: 'enrollment.created',
      dlq_consumer_group: 'course',
    });
    const row = await eventually(
      () => courseDb('enrollments').where({ id: enrollmentId }).first(),
      (found) => found !== undefined,
      20_000,
    );
    expect(row).toMatchObject({ student_id: studentId, course_id: courseId, status: 'active' });
  });
});
