import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { enrollmentIdOf } from '@smartcourse/contracts';
import { createDb } from '@smartcourse/platform';
import { env } from '../support/env.js';
import { eventually } from '../support/eventually.js';
import { api, newUser } from '../support/http.js';
import { closeKafka } from '../support/kafka.js';
import { enroll, publishedCourse, type PublishedCourse } from '../support/learning.js';
import { newAdmin, newInstructor } from '../support/people.js';
import { usePlatform } from '../support/platform.js';

const enrollmentDb = createDb({ url: env.enrollmentDatabaseUrl, poolMax: 1 });
let admin: { id: string; token: string };
let instructor: Awaited<ReturnType<typeof newInstructor>>;

usePlatform();
beforeAll(async () => {
  admin = await newAdmin();
  instructor = await newInstructor(admin, 'EdgesTeacher');
}, 180_000);
afterAll(async () => {
  await closeKafka();
  await enrollmentDb.destroy();
});

/** A student enrolled in the course, once the course service has the enrollment (the lesson body opens). */
async function enrolledStudent(built: PublishedCourse, name: string) {
  const student = await newUser(name);
  const enrolled = await enroll(student.token, built.courseId);
  expect(enrolled.status).toBe(201);
  await eventually(
    () => api('GET', `/api/lessons/${built.theory}`, { token: student.token }),
    (answer) => answer.status === 200,
    20_000,
  );
  return { ...student, enrollmentId: enrolled.body.data.id as string };
}

/** The right answer to the one question of the attempt `publishedCourse`'s quiz showed. */
function rightAnswers(started: { body: { data: { questions: Array<{ id: string; options: Array<{ id: string; text: string }> }> } } }) {
  const question = started.body.data.questions[0]!;
  const right = question.options.find((option) => option.text === 'Bowline')!;
  return { answers: [{ questionId: question.id, optionIds: [right.id] }] };
}

describe('a suspended enrollment', () => {
  it('cannot submit an attempt opened before the suspension, nor start one; reinstated, the attempt is graded', async () => {
    const built = await publishedCourse(instructor.token);
    const student = await enrolledStudent(built, 'SuspendedMidQuiz');
    const started = await api('POST', `/api/quizzes/${built.quizId}/attempts`, { token: student.token });
    expect(started.status).toBe(201);
    const attemptId = started.body.data.attemptId as string;

    const suspended = await api('POST', `/api/enrollments/${student.enrollmentId}/suspend`, { token: admin.token, body: { reason: 'chargeback' } });
    expect(suspended.body.data.status).toBe('suspended');
    // The course service learns of the suspension from its event: the lesson body closes.
    await eventually(
      () => api('GET', `/api/lessons/${built.theory}`, { token: student.token }),
      (answer) => answer.status === 403,
      20_000,
    );

    const submitted = await api('POST', `/api/quizzes/${built.quizId}/attempts/${attemptId}/submit`, { token: student.token, body: rightAnswers(started) });
    expect(submitted.status).toBe(403);
    expect(submitted.body.error.code).toBe('ENROLLMENT_SUSPENDED');
    const another = await api('POST', `/api/quizzes/${built.quizId}/attempts`, { token: student.token });
    expect(another.status).toBe(403);
    expect(another.body.error.code).toBe('ENROLLMENT_SUSPENDED');
    // Nothing was graded while suspended.
    const attempts = await api('GET', `/api/quizzes/${built.quizId}/attempts`, { token: instructor.token });
    expect(attempts.body.data).toEqual([expect.objectContaining({ id: attemptId, status: 'open' })]);

    const reinstated = await api('POST', `/api/enrollments/${student.enrollmentId}/reinstate`, { token: admin.token, body: {} });
    expect(reinstated.body.data.status).toBe('active');
    const graded = await eventually(
      () => api('POST', `/api/quizzes/${built.quizId}/attempts/${attemptId}/submit`, { token: student.token, body: rightAnswers(started) }),
      (answer) => answer.status !== 403,
      20_000,
    );
    expect(graded.status).toBe(200);
    expect(graded.body.data).toMatchObject({ passed: true, attemptNumber: 1 });
  });

  it('a dropped student cannot submit either', async () => {
    const built = await publishedCourse(instructor.token);
    const student = await enrolledStudent(built, 'DroppedMidQuiz');
    const started = await api('POST', `/api/quizzes/${built.quizId}/attempts`, { token: student.token });
    expect(started.status).toBe(201);
    expect((await api('DELETE', `/api/enrollments/${student.enrollmentId}`, { token: student.token })).status).toBe(200);
    await eventually(
      () => api('GET', `/api/lessons/${built.theory}`, { token: student.token }),
      (answer) => answer.status === 403,
      20_000,
    );

    const submitted = await api('POST', `/api/quizzes/${built.quizId}/attempts/${started.body.data.attemptId}/submit`, {
      token: student.token,
      body: rightAnswers(started),
    });
    expect(submitted.status).toBe(403);
    expect(submitted.body.error.code).toBe('ENROLLMENT_REQUIRED');
  });
});

describe('time spent on lessons', () => {
  const progressOf = (token: string, enrollmentId: string) => api('GET', `/api/enrollments/${enrollmentId}/progress`, { token });

  it('refuses more than four hours in one visit at the edge, with the field', async () => {
    const built = await publishedCourse(instructor.token);
    const student = await enrolledStudent(built, 'DayLongVisit');
    const refused = await api('POST', `/api/lessons/${built.theory}/visit`, { token: student.token, body: { secondsSpent: 86_400 } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('VALIDATION_ERROR');
    expect(refused.body.error.details).toEqual([expect.objectContaining({ path: 'secondsSpent' })]);
    expect((await progressOf(student.token, student.enrollmentId)).body.data.timeSpentSeconds).toBe(0);
  });

  it('credits no more than the real time since the previous visit (or the enrollment)', async () => {
    const built = await publishedCourse(instructor.token);
    const enrolledBefore = Date.now();
    const student = await enrolledStudent(built, 'InflatedVisits');
    for (let visit = 0; visit < 3; visit += 1) {
      const answer = await api('POST', `/api/lessons/${built.theory}/visit`, { token: student.token, body: { secondsSpent: 14_400 } });
      expect(answer.status).toBe(200);
    }
    const elapsedSeconds = Math.ceil((Date.now() - enrolledBefore) / 1000);
    const progress = (await progressOf(student.token, student.enrollmentId)).body.data;
    expect(progress.currentLessonId).toBe(built.theory);
    expect(progress.timeSpentSeconds).toBeGreaterThanOrEqual(0);
    expect(progress.timeSpentSeconds).toBeLessThanOrEqual(elapsedSeconds);

    // An hour after the last visit (moved back in the store), an hour-long visit counts in full.
    const before = progress.timeSpentSeconds as number;
    await enrollmentDb('enrollments')
      .where({ id: student.enrollmentId })
      .update({ last_accessed_at: new Date(Date.now() - 3_700_000) });
    expect((await api('POST', `/api/lessons/${built.video}/visit`, { token: student.token, body: { secondsSpent: 3600 } })).status).toBe(200);
    expect((await progressOf(student.token, student.enrollmentId)).body.data).toMatchObject({ timeSpentSeconds: before + 3600, currentLessonId: built.video });
  });

  it('keeps counting past the 32-bit range instead of failing every visit of the enrollment', async () => {
    const built = await publishedCourse(instructor.token);
    const student = await enrolledStudent(built, 'OverflowVisits');
    const nearLimit = 2 ** 31 - 10;
    await enrollmentDb('enrollments')
      .where({ id: enrollmentIdOf(student.id, built.courseId) })
      .update({ time_spent_seconds: nearLimit, last_accessed_at: new Date(Date.now() - 3_700_000) });
    const visited = await api('POST', `/api/lessons/${built.theory}/visit`, { token: student.token, body: { secondsSpent: 3600 } });
    expect(visited.status).toBe(200);
    expect(visited.body.data.timeSpentSeconds).toBe(nearLimit + 3600);
    // The student's next command on the partition goes through.
    expect((await api('POST', `/api/lessons/${built.theory}/complete`, { token: student.token })).status).toBe(200);
  });
});
