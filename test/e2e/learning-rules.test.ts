import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { enrollmentIdOf } from '@smartcourse/contracts';
import { createDb } from '@smartcourse/platform';
import { env } from '../support/env.js';
import { eventually } from '../support/eventually.js';
import { api, newUser } from '../support/http.js';
import { closeKafka, publishEvent } from '../support/kafka.js';
import { addLesson, enroll, eventsOf, passQuiz, publishedCourse } from '../support/learning.js';
import { newAdmin, newInstructor } from '../support/people.js';
import { usePlatform } from '../support/platform.js';

const enrollmentDb = createDb({ url: env.enrollmentDatabaseUrl, poolMax: 1 });
let admin: { id: string; token: string };
let instructor: Awaited<ReturnType<typeof newInstructor>>;

usePlatform();
beforeAll(async () => {
  admin = await newAdmin();
  instructor = await newInstructor(admin, 'RulesTeacher');
}, 180_000);
afterAll(async () => {
  await closeKafka();
  await enrollmentDb.destroy();
});

const enrollmentOf = (token: string, enrollmentId: string) => api('GET', `/api/enrollments/${enrollmentId}`, { token });
/** Long enough for a duplicate event to be on its topic if one were produced. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 2000));

describe('a quiz graded before the enrollment exists', () => {
  it('counts once the student enrolls: the course completes with the grade, enrollment.completed once', async () => {
    const built = await publishedCourse(instructor.token);
    const student = await newUser('Early');
    const enrollmentId = enrollmentIdOf(student.id, built.courseId);
    // Through the gateway the enrollment always comes first; the course service's event is sent by hand.
    const eventId = randomUUID();
    await publishEvent('quiz.attempt_graded', student.id, {
      eventId,
      occurredAt: Date.now(),
      attemptId: randomUUID(),
      quizId: built.quizId,
      lessonId: built.quizLesson,
      courseId: built.courseId,
      studentId: student.id,
      attemptNumber: 1,
      score: 1,
      maxScore: 1,
      percent: 100,
      passed: true,
      quizGradePercent: 100,
      quizPassed: true,
    });
    const recorded = await eventually(
      () => enrollmentDb('quiz_grades').where({ student_id: student.id, quiz_id: built.quizId }),
      (rows) => rows.length === 1,
      20_000,
    );
    expect(recorded).toHaveLength(1);
    expect((await api('GET', '/api/enrollments/mine', { token: student.token })).body.data).toEqual([]);

    const enrolled = await enroll(student.token, built.courseId);
    expect(enrolled.status).toBe(201);
    expect(enrolled.body.data).toMatchObject({ id: enrollmentId, status: 'active', percent: 33 });
    expect((await api('POST', `/api/lessons/${built.theory}/complete`, { token: student.token })).status).toBe(200);
    const last = await api('POST', `/api/lessons/${built.video}/complete`, { token: student.token });
    expect(last.body.data).toMatchObject({ percent: 100, quizGrades: { [built.quizId]: 100 } });
    expect(last.body.data.completedLessonIds.sort()).toEqual([built.theory, built.video, built.quizLesson].sort());

    const done = await eventually(
      () => enrollmentOf(student.token, enrollmentId),
      (answer) => answer.body.data?.status === 'completed',
      20_000,
    );
    expect(done.body.data).toMatchObject({ status: 'completed', percent: 100 });
    await eventually(
      () => eventsOf('enrollment.completed', enrollmentId),
      (events) => events.length > 0,
    );
    await settle();
    const completed = await eventsOf('enrollment.completed', enrollmentId);
    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({ studentId: student.id, courseId: built.courseId, scorePercent: 100 });
  });
});

describe('a structure change after completion', () => {
  it('recomputes the percent of a completed enrollment without un-completing it or completing it twice', async () => {
    const built = await publishedCourse(instructor.token);
    const student = await newUser('Finisher');
    const enrollmentId = (await enroll(student.token, built.courseId)).body.data.id as string;
    await api('POST', `/api/lessons/${built.theory}/complete`, { token: student.token });
    await api('POST', `/api/lessons/${built.video}/complete`, { token: student.token });
    await passQuiz(built.quizId, student.token);
    const finished = await eventually(
      () => enrollmentOf(student.token, enrollmentId),
      (answer) => answer.body.data?.status === 'completed',
      20_000,
    );
    const completedAt = finished.body.data.completedAt as string;

    // A new required lesson: 3 of 4 required lessons done.
    const added = await addLesson(instructor.token, built, 'Sheet bend', 'theory');
    const grown = await eventually(
      () => enrollmentOf(student.token, enrollmentId),
      (answer) => answer.body.data?.percent === 75,
      20_000,
    );
    expect(grown.body.data).toMatchObject({ status: 'completed', percent: 75, completedAt });
    const progress = await api('GET', `/api/enrollments/${enrollmentId}/progress`, { token: student.token });
    expect(progress.body.data).toMatchObject({ percent: 75, requiredLessonCount: 4 });

    // Removed again: back to every required lesson done, still completed once.
    expect((await api('DELETE', `/api/lessons/${added}`, { token: instructor.token })).status).toBeLessThan(300);
    const back = await eventually(
      () => enrollmentOf(student.token, enrollmentId),
      (answer) => answer.body.data?.percent === 100,
      20_000,
    );
    expect(back.body.data).toMatchObject({ status: 'completed', percent: 100, completedAt });
    await settle();
    expect(await eventsOf('enrollment.completed', enrollmentId)).toHaveLength(1);
  });
});

describe("a course's roster", () => {
  it('pages and filters by status for the instructor and admins; other instructors and students are refused', async () => {
    const built = await publishedCourse(instructor.token);
    const students = [await newUser('RosterDropped'), await newUser('RosterDone'), await newUser('RosterA'), await newUser('RosterB')];
    const [dropped, done, active] = students as [Awaited<ReturnType<typeof newUser>>, Awaited<ReturnType<typeof newUser>>, Awaited<ReturnType<typeof newUser>>];
    for (const student of students) expect((await enroll(student.token, built.courseId)).status).toBe(201);
    expect((await api('DELETE', `/api/enrollments/${enrollmentIdOf(dropped.id, built.courseId)}`, { token: dropped.token })).body.data.status).toBe('dropped');
    await api('POST', `/api/lessons/${built.theory}/complete`, { token: done.token });
    await api('POST', `/api/lessons/${built.video}/complete`, { token: done.token });
    await passQuiz(built.quizId, done.token);
    await eventually(
      () => enrollmentOf(done.token, enrollmentIdOf(done.id, built.courseId)),
      (answer) => answer.body.data?.status === 'completed',
      20_000,
    );

    const roster = (query: string, token = instructor.token) => api('GET', `/api/courses/${built.courseId}/enrollments${query}`, { token });
    const first = await roster('?page=1&per_page=3');
    const second = await roster('?page=2&per_page=3');
    expect(first.body.meta).toEqual({ page: 1, per_page: 3, total: 4, pages: 2 });
    expect(second.body.meta).toEqual({ page: 2, per_page: 3, total: 4, pages: 2 });
    expect(first.body.data).toHaveLength(3);
    expect(second.body.data).toHaveLength(1);
    const ids = (answer: { body: { data: Array<{ studentId: string }> } }) => answer.body.data.map((row) => row.studentId);
    expect([...ids(first), ...ids(second)].sort()).toEqual(students.map((student) => student.id).sort());

    expect(ids(await roster('?status=dropped'))).toEqual([dropped.id]);
    const completed = await roster('?status=completed');
    expect(completed.body.data).toEqual([expect.objectContaining({ studentId: done.id, status: 'completed', percent: 100 })]);
    const studying = await roster('?status=active&per_page=1');
    expect(studying.body.meta).toEqual({ page: 1, per_page: 1, total: 2, pages: 2 });

    expect((await roster('', admin.token)).body.meta.total).toBe(4);
    const rival = await newInstructor(admin, 'RosterRival');
    expect((await roster('', rival.token)).status).toBe(403);
    expect((await roster('', active.token)).status).toBe(403);
  });
});

describe('an archived course', () => {
  it('keeps its enrollments going, and takes no new or returning student', async () => {
    const built = await publishedCourse(instructor.token);
    const [staying, leaving, late] = [await newUser('Staying'), await newUser('Leaving'), await newUser('Late')];
    const stayingId = (await enroll(staying.token, built.courseId)).body.data.id as string;
    const leavingId = (await enroll(leaving.token, built.courseId)).body.data.id as string;
    expect((await api('DELETE', `/api/enrollments/${leavingId}`, { token: leaving.token })).body.data.status).toBe('dropped');

    expect((await api('POST', `/api/courses/${built.courseId}/archive`, { token: instructor.token })).status).toBe(200);
    await eventually(
      () => enrollmentDb('courses').where({ id: built.courseId, status: 'archived' }),
      (rows) => rows.length === 1,
      20_000,
    );

    const completion = await api('POST', `/api/lessons/${built.theory}/complete`, { token: staying.token });
    expect(completion.status).toBe(200);
    expect(completion.body.data).toMatchObject({ percent: 33, completedLessonIds: [built.theory] });
    expect((await enrollmentOf(staying.token, stayingId)).body.data).toMatchObject({ status: 'active', percent: 33 });

    const newcomer = await api('POST', '/api/enrollments', { token: late.token, body: { courseId: built.courseId } });
    expect(newcomer.status).toBe(404);
    expect(newcomer.body.error.code).toBe('COURSE_NOT_FOUND');
    const returning = await api('POST', '/api/enrollments', { token: leaving.token, body: { courseId: built.courseId } });
    expect(returning.status).toBe(404);
    expect(returning.body.error.code).toBe('COURSE_NOT_FOUND');
    expect((await enrollmentOf(leaving.token, leavingId)).body.data.status).toBe('dropped');
  });
});
