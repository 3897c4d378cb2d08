import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { enrollmentIdOf } from '@smartcourse/contracts';
import { closeKafka } from '../../../test/support/kafka.js';
import { log, startEnrollmentService, type Actor, type Lesson } from './in-process.js';

let enr: Awaited<ReturnType<typeof startEnrollmentService>>;

// The relay is off: the outbox rows are what the tests read, nothing reaches the shared topics.
beforeAll(async () => {
  enr = await startEnrollmentService({ OUTBOX_RELAY_ENABLED: false });
}, 60_000);
afterAll(async () => {
  await enr?.service.stop();
  await closeKafka();
});

const person = (role = 'student'): Actor => ({ userId: randomUUID(), role });
const admin = person('admin');
const theory = (required = true): Lesson => ({ lessonId: randomUUID(), kind: 'theory', required, quizId: null });
const quiz = (): Lesson => ({ lessonId: randomUUID(), kind: 'quiz', required: true, quizId: randomUUID() });

/** A published free course with the given structure (version 1). */
async function course(lessons: Lesson[], priceCents = 0) {
  const courseId = randomUUID();
  const instructor = person('instructor');
  await enr.publishCourse(courseId, instructor.userId, priceCents);
  await enr.structure(courseId, 1, lessons);
  return { courseId, instructor, lessons };
}

const row = (enrollmentId: string) => enr.db('enrollments').where({ id: enrollmentId }).first();

describe('enrolling', () => {
  it('enrolls in a published free course: enrollment.created in the outbox, result keyed by the enrollment', async () => {
    const { courseId } = await course([theory()]);
    const student = person();
    const result = await enr.enroll(student, courseId);
    const enrollmentId = enrollmentIdOf(student.userId, courseId);
    expect(result).toMatchObject({ status: 'succeeded', aggregateId: enrollmentId });
    const created = await enr.outbox('enrollment.created', enrollmentId);
    expect(created).toEqual([expect.objectContaining({ enrollmentId, studentId: student.userId, courseId, version: 1 })]);
    const read = await enr.call(`/internal/enrollments/${enrollmentId}`, student);
    expect(read.body.data).toMatchObject({ id: enrollmentId, status: 'active', percent: 0, courseTitle: expect.stringMatching(/^Course /) });
  });

  it('refuses a paid course, an unknown course, and a second enrollment', async () => {
    const paid = await course([theory()], 1500);
    const student = person();
    expect(await enr.enroll(student, paid.courseId)).toMatchObject({ status: 'failed', errorCode: 'PAYMENT_REQUIRED' });
    expect(await enr.enroll(student, randomUUID())).toMatchObject({ status: 'failed', errorCode: 'COURSE_NOT_FOUND' });
    const free = await course([theory()]);
    expect((await enr.enroll(student, free.courseId)).status).toBe('succeeded');
    expect(await enr.enroll(student, free.courseId)).toMatchObject({ status: 'failed', errorCode: 'ALREADY_ENROLLED' });
  });

  it('refuses an unpublished course', async () => {
    const { courseId, instructor } = await course([theory()]);
    await enr.event('course.unpublished', 'course.CourseUnpublished', { courseId, instructorId: instructor.userId, by: instructor.userId }, courseId);
    expect(await enr.enroll(person(), courseId)).toMatchObject({ status: 'failed', errorCode: 'COURSE_NOT_FOUND' });
  });

  it('re-enrolling after a drop reactivates the same enrollment with its progress', async () => {
    const lessons = [theory(), theory()];
    const { courseId } = await course(lessons);
    const student = person();
    const enrollmentId = enrollmentIdOf(student.userId, courseId);
    await enr.enroll(student, courseId);
    expect((await enr.complete(student, lessons[0]!.lessonId)).status).toBe('succeeded');
    expect((await enr.command('smartcourse.commands.enrollment.DropEnrollment', student, { enrollmentId })).status).toBe('succeeded');
    expect(await enr.complete(student, lessons[1]!.lessonId)).toMatchObject({ status: 'failed', errorCode: 'NOT_ENROLLED' });
    expect((await enr.enroll(student, courseId)).status).toBe('succeeded');
    const reactivated = await enr.outbox('enrollment.reactivated', enrollmentId);
    expect(reactivated).toEqual([expect.objectContaining({ enrollmentId, version: 4 })]);
    expect(await row(enrollmentId)).toMatchObject({ status: 'active', percent: 50 });
  });

  it('a suspended student cannot complete lessons; reinstated, they can', async () => {
    const lessons = [theory(), theory()];
    const { courseId } = await course(lessons);
    const student = person();
    const enrollmentId = enrollmentIdOf(student.userId, courseId);
    await enr.enroll(student, courseId);
    expect(await enr.command('smartcourse.commands.enrollment.SuspendEnrollment', student, { enrollmentId, reason: null })).toMatchObject({
      errorCode: 'FORBIDDEN',
    });
    expect((await enr.command('smartcourse.commands.enrollment.SuspendEnrollment', admin, { enrollmentId, reason: 'spam' })).status).toBe('succeeded');
    expect(await enr.complete(student, lessons[0]!.lessonId)).toMatchObject({ status: 'failed', errorCode: 'ENROLLMENT_NOT_ACTIVE' });
    expect((await enr.command('smartcourse.commands.enrollment.ReinstateEnrollment', admin, { enrollmentId, reason: null })).status).toBe('succeeded');
    expect((await enr.complete(student, lessons[0]!.lessonId)).status).toBe('succeeded');
  });

  it('a redelivered command applies once', async () => {
    const { courseId } = await course([theory()]);
    const student = person();
    const enrollmentId = enrollmentIdOf(student.userId, courseId);
    const message = enr.commandMessage('smartcourse.commands.enrollment.Enroll', student, { enrollmentId, studentId: student.userId, courseId });
    await enr.handlerOf('enrollment.commands')(message, log);
    await enr.handlerOf('enrollment.commands')(message, log);
    expect(await enr.outbox('enrollment.created', enrollmentId)).toHaveLength(1);
    const results = await enr.db('outbox').where({ topic: 'command.results', record_key: message.id });
    expect(results.map((result: { value: { status: string } }) => result.value.status)).toEqual(['succeeded', 'succeeded']);
  });
});

describe('purchases', () => {
  const order = (student: Actor, courseId: string) => ({ orderId: randomUUID(), studentId: student.userId, courseId });

  it('a paid course still refuses a direct enrollment, with the way to buy it in the details', async () => {
    const { courseId } = await course([theory()], 2500);
    const student = person();
    const enroll = enr.commandMessage('smartcourse.commands.enrollment.Enroll', student, {
      enrollmentId: enrollmentIdOf(student.userId, courseId),
      studentId: student.userId,
      courseId,
    });
    await enr.deliver(enroll);
    const result = await enr.db('outbox').where({ topic: 'command.results', record_key: enroll.id }).first();
    expect(result.value).toMatchObject({ status: 'failed', errorCode: 'PAYMENT_REQUIRED' });
    expect(JSON.parse(result.value.errorDetails)).toEqual({
      order: { method: 'POST', href: '/api/orders', body: { courseId } },
      priceCents: 2500,
      currency: 'EUR',
    });
  });

  it('order.paid delivered twice enrolls the buyer once, with source purchase and the order id', async () => {
    const { courseId } = await course([theory()], 4900);
    const student = person();
    const enrollmentId = enrollmentIdOf(student.userId, courseId);
    const paid = enr.orderMessage('order.paid', order(student, courseId));
    await enr.deliver(paid);
    await enr.deliver(paid);
    expect(await enr.outbox('enrollment.created', enrollmentId)).toEqual([
      expect.objectContaining({ enrollmentId, studentId: student.userId, courseId, version: 1, source: 'purchase', orderId: paid.value.orderId }),
    ]);
    expect(await enr.db('enrollments').where({ student_id: student.userId, course_id: courseId })).toEqual([
      expect.objectContaining({ id: enrollmentId, status: 'active', order_id: paid.value.orderId }),
    ]);
  });

  it('order.paid enrolls in a course the replica has not heard of yet', async () => {
    const student = person();
    const courseId = randomUUID();
    await enr.deliver(enr.orderMessage('order.paid', order(student, courseId)));
    const enrollmentId = enrollmentIdOf(student.userId, courseId);
    expect(await row(enrollmentId)).toMatchObject({ status: 'active', percent: 0 });
    expect(await enr.outbox('enrollment.created', enrollmentId)).toHaveLength(1);
    const read = await enr.call(`/internal/enrollments/${enrollmentId}`, student);
    expect(read.body.data).toMatchObject({ id: enrollmentId, status: 'active', courseTitle: null });
  });

  it('order.paid reactivates a dropped enrollment and leaves an active one as it is', async () => {
    const lessons = [theory(), theory()];
    const { courseId } = await course(lessons, 4900);
    const student = person();
    const enrollmentId = enrollmentIdOf(student.userId, courseId);
    await enr.deliver(enr.orderMessage('order.paid', order(student, courseId)));
    await enr.complete(student, lessons[0]!.lessonId);
    expect((await enr.command('smartcourse.commands.enrollment.DropEnrollment', student, { enrollmentId })).status).toBe('succeeded');
    const again = enr.orderMessage('order.paid', order(student, courseId));
    await enr.deliver(again);
    expect(await enr.outbox('enrollment.reactivated', enrollmentId)).toEqual([expect.objectContaining({ enrollmentId, version: 4 })]);
    expect(await row(enrollmentId)).toMatchObject({ status: 'active', percent: 50, order_id: again.value.orderId });
    await enr.deliver(enr.orderMessage('order.paid', order(student, courseId)));
    expect(await enr.outbox('enrollment.reactivated', enrollmentId)).toHaveLength(1);
    expect(await row(enrollmentId)).toMatchObject({ status: 'active', version: 4, order_id: again.value.orderId });
  });

  it('order.refunded ends the enrollment with status refunded and one enrollment.refunded; the student studies no more', async () => {
    const lessons = [theory(), theory()];
    const { courseId } = await course(lessons, 4900);
    const student = person();
    const enrollmentId = enrollmentIdOf(student.userId, courseId);
    const bought = order(student, courseId);
    await enr.deliver(enr.orderMessage('order.paid', bought));
    await enr.complete(student, lessons[0]!.lessonId);
    const refunded = enr.orderMessage('order.refunded', bought);
    await enr.deliver(refunded);
    await enr.deliver(refunded);
    expect(await enr.outbox('enrollment.refunded', enrollmentId)).toEqual([
      expect.objectContaining({
        enrollmentId,
        studentId: student.userId,
        courseId,
        version: 3,
        orderId: bought.orderId,
        refundedAt: refunded.value.refundedAt,
      }),
    ]);
    expect(await row(enrollmentId)).toMatchObject({ status: 'refunded', version: 3 });
    expect(await enr.complete(student, lessons[1]!.lessonId)).toMatchObject({ status: 'failed', errorCode: 'NOT_ENROLLED' });
    const mine = await enr.call('/internal/enrollments/mine?status=refunded', student);
    expect(mine.body.data).toEqual([
      expect.objectContaining({ id: enrollmentId, status: 'refunded', refundedAt: new Date(refunded.value.refundedAt as number).toISOString() }),
    ]);
    expect((await enr.call('/internal/enrollments/mine?status=active', student)).body.data).toEqual([]);
  });

  it('buying the course again after a refund reactivates the enrollment; the old refund ends nothing more', async () => {
    const { courseId } = await course([theory()], 4900);
    const student = person();
    const enrollmentId = enrollmentIdOf(student.userId, courseId);
    const first = order(student, courseId);
    await enr.deliver(enr.orderMessage('order.paid', first));
    await enr.deliver(enr.orderMessage('order.refunded', first));
    const second = order(student, courseId);
    await enr.deliver(enr.orderMessage('order.paid', second));
    expect(await enr.outbox('enrollment.reactivated', enrollmentId)).toEqual([expect.objectContaining({ enrollmentId, version: 3 })]);
    expect(await row(enrollmentId)).toMatchObject({ status: 'active', order_id: second.orderId, refunded_at: null });
    await enr.deliver(enr.orderMessage('order.refunded', first));
    expect(await row(enrollmentId)).toMatchObject({ status: 'active', version: 3 });
    expect(await enr.outbox('enrollment.refunded', enrollmentId)).toHaveLength(1);
  });

  it('a completed enrollment refunded and bought again comes back completed, with no second enrollment.completed', async () => {
    const lessons = [theory()];
    const { courseId } = await course(lessons, 4900);
    const student = person();
    const enrollmentId = enrollmentIdOf(student.userId, courseId);
    const first = order(student, courseId);
    await enr.deliver(enr.orderMessage('order.paid', first));
    await enr.complete(student, lessons[0]!.lessonId);
    expect(await row(enrollmentId)).toMatchObject({ status: 'completed' });
    await enr.deliver(enr.orderMessage('order.refunded', first));
    expect(await row(enrollmentId)).toMatchObject({ status: 'refunded' });
    await enr.deliver(enr.orderMessage('order.paid', order(student, courseId)));
    expect(await row(enrollmentId)).toMatchObject({ status: 'completed', percent: 100 });
    expect(await enr.outbox('enrollment.completed', enrollmentId)).toHaveLength(1);
    expect(await enr.outbox('enrollment.reactivated', enrollmentId)).toHaveLength(1);
  });

  it('a refund handled before its payment leaves no enrollment behind', async () => {
    const { courseId } = await course([theory()], 4900);
    const student = person();
    const bought = order(student, courseId);
    await enr.deliver(enr.orderMessage('order.refunded', bought));
    await enr.deliver(enr.orderMessage('order.paid', bought));
    expect(await row(enrollmentIdOf(student.userId, courseId))).toBeUndefined();
    expect(await enr.outbox('enrollment.created', enrollmentIdOf(student.userId, courseId))).toEqual([]);
  });
});

describe('progress and completion', () => {
  it('completing lessons moves percent (rounded down); a second completion is unchanged with no event; quiz lessons need a pass', async () => {
    const lessons = [theory(), theory(), theory(), quiz(), theory(false)];
    const { courseId } = await course(lessons);
    const student = person();
    const enrollmentId = enrollmentIdOf(student.userId, courseId);
    await enr.enroll(student, courseId);
    await enr.complete(student, lessons[0]!.lessonId);
    expect((await enr.complete(student, lessons[0]!.lessonId)).status).toBe('succeeded');
    expect(await enr.complete(student, lessons[3]!.lessonId)).toMatchObject({ status: 'failed', errorCode: 'QUIZ_LESSON_NEEDS_PASS' });
    expect(await enr.complete(student, randomUUID())).toMatchObject({ status: 'failed', errorCode: 'LESSON_NOT_FOUND' });
    await enr.complete(student, lessons[4]!.lessonId);
    const completions = await enr.outbox('lesson.completed', enrollmentId);
    expect(completions.map((event) => [event.lessonId, event.percent, event.version])).toEqual([
      [lessons[0]!.lessonId, 25, 2],
      [lessons[4]!.lessonId, 25, 3],
    ]);
    const progress = await enr.call(`/internal/enrollments/${enrollmentId}/progress`, student);
    expect(progress.body.data).toMatchObject({ percent: 25, requiredLessonCount: 4, completedLessonIds: [lessons[0]!.lessonId, lessons[4]!.lessonId] });
  });

  it('the last required lesson and a passing grade complete the enrollment once, even when they race', async () => {
    for (let round = 0; round < 5; round += 1) {
      const lessons = [theory(), theory(), quiz()];
      const { courseId } = await course(lessons);
      const student = person();
      const enrollmentId = enrollmentIdOf(student.userId, courseId);
      await enr.enroll(student, courseId);
      await enr.complete(student, lessons[0]!.lessonId);
      const q = lessons[2]!;
      await Promise.all([
        enr.complete(student, lessons[1]!.lessonId),
        enr.quizGraded({ studentId: student.userId, courseId, quizId: q.quizId!, lessonId: q.lessonId, attemptNumber: 1, gradePercent: 80, passed: true }),
      ]);
      const completed = await enr.outbox('enrollment.completed', enrollmentId);
      expect(completed).toEqual([expect.objectContaining({ enrollmentId, scorePercent: 80, version: 5 })]);
      expect(await row(enrollmentId)).toMatchObject({ status: 'completed', percent: 100 });
    }
  });

  it('two last lessons completed at once complete the enrollment once; a storm of one completion gives one lesson.completed', async () => {
    const lessons = [theory(), theory(), theory()];
    const { courseId } = await course(lessons);
    const student = person();
    const enrollmentId = enrollmentIdOf(student.userId, courseId);
    await enr.enroll(student, courseId);
    await Promise.all(Array.from({ length: 20 }, () => enr.complete(student, lessons[0]!.lessonId)));
    expect(await enr.outbox('lesson.completed', enrollmentId)).toHaveLength(1);
    await Promise.all([enr.complete(student, lessons[1]!.lessonId), enr.complete(student, lessons[2]!.lessonId)]);
    expect(await enr.outbox('enrollment.completed', enrollmentId)).toEqual([expect.objectContaining({ version: 5, scorePercent: null })]);
    const versions = (await enr.outbox('lesson.completed', enrollmentId)).map((event) => event.version);
    expect(versions).toEqual([2, 3, 4]);
  });

  it('a redelivered or replayed grade changes nothing; an older attempt never replaces a newer grade', async () => {
    const lessons = [quiz(), theory()];
    const { courseId } = await course(lessons);
    const student = person();
    const enrollmentId = enrollmentIdOf(student.userId, courseId);
    await enr.enroll(student, courseId);
    const q = lessons[0]!;
    const grade = { studentId: student.userId, courseId, quizId: q.quizId!, lessonId: q.lessonId };
    await enr.quizGraded({ ...grade, attemptNumber: 2, gradePercent: 95, passed: true });
    await enr.quizGraded({ ...grade, attemptNumber: 2, gradePercent: 95, passed: true });
    await enr.quizGraded({ ...grade, attemptNumber: 1, gradePercent: 40, passed: false });
    expect(await enr.outbox('lesson.completed', enrollmentId)).toHaveLength(1);
    const progress = await enr.call(`/internal/enrollments/${enrollmentId}/progress`, student);
    expect(progress.body.data.quizGrades).toEqual({ [q.quizId!]: 95 });
  });

  it('a quiz graded before the enrollment exists counts once the student enrolls', async () => {
    const lessons = [theory(), quiz()];
    const courseId = randomUUID();
    const student = person();
    const q = lessons[1]!;
    await enr.quizGraded({ studentId: student.userId, courseId, quizId: q.quizId!, lessonId: q.lessonId, attemptNumber: 1, gradePercent: 90, passed: true });
    await enr.publishCourse(courseId, randomUUID());
    await enr.structure(courseId, 1, lessons);
    await enr.enroll(student, courseId);
    const enrollmentId = enrollmentIdOf(student.userId, courseId);
    expect((await enr.outbox('lesson.completed', enrollmentId)).map((event) => event.lessonId)).toEqual([q.lessonId]);
    expect(await row(enrollmentId)).toMatchObject({ status: 'active', percent: 50 });
    await enr.complete(student, lessons[0]!.lessonId);
    expect(await enr.outbox('enrollment.completed', enrollmentId)).toEqual([expect.objectContaining({ scorePercent: 90 })]);
  });

  it('ignores an older structure arriving late', async () => {
    const first = [theory(), theory()];
    const { courseId } = await course(first);
    const student = person();
    await enr.enroll(student, courseId);
    const second = [first[0]!, first[1]!, theory(), theory()];
    await enr.structure(courseId, 3, second);
    await enr.structure(courseId, 2, [first[0]!]);
    await enr.complete(student, first[0]!.lessonId);
    expect(await row(enrollmentIdOf(student.userId, courseId))).toMatchObject({ percent: 25, required_lesson_count: 4 });
  });

  it('a new structure after completion recomputes percent and keeps completed', async () => {
    const lessons = [theory()];
    const { courseId } = await course(lessons);
    const student = person();
    const enrollmentId = enrollmentIdOf(student.userId, courseId);
    await enr.enroll(student, courseId);
    await enr.complete(student, lessons[0]!.lessonId);
    expect(await row(enrollmentId)).toMatchObject({ status: 'completed', percent: 100 });
    await enr.structure(courseId, 2, [...lessons, theory()]);
    expect(await row(enrollmentId)).toMatchObject({ status: 'completed', percent: 50 });
    expect(await enr.outbox('enrollment.completed', enrollmentId)).toHaveLength(1);
  });
});

describe('reads', () => {
  it('lists my enrollments, answers the instructor and admins, hides from others, and guards the roster', async () => {
    const { courseId, instructor } = await course([theory()]);
    const student = person();
    await enr.enroll(student, courseId);
    const enrollmentId = enrollmentIdOf(student.userId, courseId);
    const mine = await enr.call('/internal/enrollments/mine?status=active', student);
    expect(mine.body).toMatchObject({ data: [expect.objectContaining({ id: enrollmentId })], meta: { page: 1, per_page: 20, total: 1, pages: 1 } });
    expect((await enr.call(`/internal/enrollments/${enrollmentId}`, instructor)).status).toBe(200);
    expect((await enr.call(`/internal/enrollments/${enrollmentId}`, admin)).status).toBe(200);
    expect((await enr.call(`/internal/enrollments/${enrollmentId}`, person())).body.error.code).toBe('ENROLLMENT_NOT_FOUND');
    const roster = await enr.call(`/internal/courses/${courseId}/enrollments`, instructor);
    expect(roster.body.data).toEqual([expect.objectContaining({ id: enrollmentId, requiredLessonCount: 1, completedLessonCount: 0, timeSpentSeconds: 0 })]);
    expect((await enr.call(`/internal/courses/${courseId}/enrollments`, student)).status).toBe(403);
    expect((await enr.call(`/internal/courses/${randomUUID()}/enrollments`, admin)).status).toBe(404);
  });

  it('records visits: current lesson, last access, time spent (no more than the time since the previous visit)', async () => {
    const lessons = [theory(), theory()];
    const { courseId } = await course(lessons);
    const student = person();
    await enr.enroll(student, courseId);
    // Enrolled ten minutes ago: the first visit may count its 30 s, the second (just after it) almost nothing.
    await enr
      .db('enrollments')
      .where({ id: enrollmentIdOf(student.userId, courseId) })
      .update({ enrolled_at: new Date(Date.now() - 600_000) });
    for (const lesson of lessons) {
      const result = await enr.command('smartcourse.commands.enrollment.RecordVisit', student, {
        studentId: student.userId,
        lessonId: lesson.lessonId,
        secondsSpent: 30,
      });
      expect(result.status).toBe('succeeded');
    }
    const read = await enr.call(`/internal/lessons/${lessons[0]!.lessonId}/progress`, student);
    expect(read.body.data).toMatchObject({ currentLessonId: lessons[1]!.lessonId, lastAccessedAt: expect.any(String) });
    expect(read.body.data.timeSpentSeconds).toBeGreaterThanOrEqual(30);
    expect(read.body.data.timeSpentSeconds).toBeLessThan(60);
  });
});
