import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { enrollmentIdOf } from '@smartcourse/contracts';
import { eventually } from '../support/eventually.js';
import { api, newUser } from '../support/http.js';
import { closeKafka } from '../support/kafka.js';
import { enroll, eventsOf, passQuiz, publishedCourse } from '../support/learning.js';
import { newAdmin, newInstructor } from '../support/people.js';
import { usePlatform } from '../support/platform.js';

let admin: { id: string; token: string };
let instructor: Awaited<ReturnType<typeof newInstructor>>;

usePlatform();
beforeAll(async () => {
  admin = await newAdmin();
  instructor = await newInstructor(admin, 'Teacher');
}, 180_000);
afterAll(async () => {
  await closeKafka();
});

describe("a learner's journey", () => {
  it('enrolls, completes the lessons and passes the quiz: completed, with enrollment.completed published exactly once', async () => {
    const built = await publishedCourse(instructor.token);
    const student = await newUser('Learner');
    const enrolled = await enroll(student.token, built.courseId);
    expect(enrolled.status).toBe(201);
    const enrollmentId = enrolled.body.data.id as string;
    expect(enrollmentId).toBe(enrollmentIdOf(student.id, built.courseId));
    expect(enrolled.body.data).toMatchObject({ status: 'active', percent: 0, courseId: built.courseId });

    // The course service learns of the enrollment from the real event: the body opens.
    await eventually(
      () => api('GET', `/api/lessons/${built.theory}`, { token: student.token }),
      (answer) => answer.status === 200,
      20_000,
    );

    const first = await api('POST', `/api/lessons/${built.theory}/complete`, { token: student.token });
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ percent: 33, completedLessonIds: [built.theory], requiredLessonCount: 3 });

    // A storm of duplicate completions gives one lesson.completed.
    const storm = await Promise.all(Array.from({ length: 20 }, () => api('POST', `/api/lessons/${built.video}/complete`, { token: student.token })));
    expect(storm.map((answer) => answer.status).filter((status) => status !== 200)).toEqual([]);
    const refused = await api('POST', `/api/lessons/${built.quizLesson}/complete`, { token: student.token });
    expect(refused.body.error.code).toBe('QUIZ_LESSON_NEEDS_PASS');

    await passQuiz(built.quizId, student.token);
    const done = await eventually(
      () => api('GET', `/api/enrollments/${enrollmentId}`, { token: student.token }),
      (answer) => answer.body.data?.status === 'completed',
      20_000,
    );
    expect(done.body.data).toMatchObject({ percent: 100 });
    const progress = await api('GET', `/api/enrollments/${enrollmentId}/progress`, { token: student.token });
    expect(progress.body.data).toMatchObject({ percent: 100, quizGrades: { [built.quizId]: 100 } });

    const completed = await eventually(
      () => eventsOf('enrollment.completed', enrollmentId),
      (events) => events.length > 0,
    );
    await new Promise((resolve) => setTimeout(resolve, 2000)); // a second one would show by now
    expect(await eventsOf('enrollment.completed', enrollmentId)).toHaveLength(1);
    expect(completed[0]).toMatchObject({ enrollmentId, studentId: student.id, courseId: built.courseId, scorePercent: 100 });
    const lessons = (await eventsOf('lesson.completed', enrollmentId)).map((event) => event.lessonId);
    expect(lessons.filter((id) => id === built.video)).toHaveLength(1);

    const mine = await api('GET', '/api/enrollments/mine', { token: student.token });
    expect(mine.body.data).toEqual([expect.objectContaining({ id: enrollmentId, status: 'completed', courseTitle: expect.stringMatching(/^Knots/) })]);
    const roster = await api('GET', `/api/courses/${built.courseId}/enrollments`, { token: instructor.token });
    expect(roster.body.data.map((row: { studentId: string }) => row.studentId)).toEqual([student.id]);
    const rival = await newInstructor(admin, 'Rival');
    expect((await api('GET', `/api/courses/${built.courseId}/enrollments`, { token: rival.token })).status).toBe(403);
    expect((await api('GET', `/api/enrollments/${enrollmentId}`, { token: (await newUser('Nosy')).token })).status).toBe(404);
  });

  it('drops and re-enrolls the same enrollment with its progress; refuses a second enrollment and a paid course', async () => {
    const built = await publishedCourse(instructor.token);
    const student = await newUser('Dropper');
    const enrolled = await enroll(student.token, built.courseId);
    const enrollmentId = enrolled.body.data.id as string;
    expect((await api('POST', '/api/enrollments', { token: student.token, body: { courseId: built.courseId } })).body.error.code).toBe('ALREADY_ENROLLED');
    await api('POST', `/api/lessons/${built.theory}/complete`, { token: student.token });
    const dropped = await api('DELETE', `/api/enrollments/${enrollmentId}`, { token: student.token });
    expect(dropped.body.data.status).toBe('dropped');
    expect((await api('POST', `/api/lessons/${built.video}/complete`, { token: student.token })).status).toBe(403);

    const again = await api('POST', '/api/enrollments', { token: student.token, body: { courseId: built.courseId } });
    expect(again.status).toBe(201);
    expect(again.body.data).toMatchObject({ id: enrollmentId, status: 'active', percent: 33 });
    expect((await eventsOf('enrollment.reactivated', enrollmentId)).length).toBe(1);

    const paid = await publishedCourse(instructor.token, { priceCents: 1999 });
    const refused = await eventually(
      () => api('POST', '/api/enrollments', { token: student.token, body: { courseId: paid.courseId } }),
      (answer) => answer.status !== 404,
      20_000,
    );
    expect(refused.status).toBe(402);
    expect(refused.body.error.code).toBe('PAYMENT_REQUIRED');
    expect(refused.body.error.details).toMatchObject({ order: { method: 'POST', href: '/api/orders', body: { courseId: paid.courseId } }, priceCents: 1999 });
  });

  it('lets an admin suspend and reinstate; a suspended student cannot complete lessons', async () => {
    const built = await publishedCourse(instructor.token);
    const student = await newUser('Suspended');
    const enrollmentId = (await enroll(student.token, built.courseId)).body.data.id as string;
    const suspended = await api('POST', `/api/enrollments/${enrollmentId}/suspend`, { token: admin.token, body: { reason: 'chargeback' } });
    expect(suspended.body.data.status).toBe('suspended');
    expect((await api('POST', `/api/enrollments/${enrollmentId}/suspend`, { token: student.token, body: {} })).status).toBe(403);
    const blocked = await api('POST', `/api/lessons/${built.theory}/complete`, { token: student.token });
    expect(blocked.status).toBeGreaterThanOrEqual(403);
    const reinstated = await api('POST', `/api/enrollments/${enrollmentId}/reinstate`, { token: admin.token, body: {} });
    expect(reinstated.body.data.status).toBe('active');
    expect((await api('POST', `/api/lessons/${built.theory}/complete`, { token: student.token })).status).toBe(200);
  });
});
