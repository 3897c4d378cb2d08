import { describe, expect, it } from '@jest/globals';
import {
  creditedSeconds,
  statusOnReturn,
  decideCompleteLesson,
  decideDrop,
  decideEnroll,
  decideReinstate,
  decideSuspend,
  decideVisit,
  type Enrollment,
} from './rules.js';

const student = { userId: 'student', role: 'student' };
const admin = { userId: 'admin', role: 'admin' };
const published = { id: 'course', instructorId: 'teacher', title: 'Clay', priceCents: 0, currency: 'EUR', status: 'published' };
const enrollment = (status: Enrollment['status'], completedLessonIds: string[] = []): Enrollment => ({
  id: 'e',
  studentId: 'student',
  courseId: 'course',
  status,
  completedLessonIds,
  percent: 0,
  requiredLessonCount: 1,
  completedRequiredCount: 0,
  currentLessonId: null,
  lastAccessedAt: null,
  timeSpentSeconds: 0,
  enrolledAt: new Date(0),
  completedAt: null,
  scorePercent: null,
  orderId: null,
  refundedAt: null,
  version: 1,
  updatedAt: new Date(0),
});
const code = (decision: { kind: string; rejection?: { code: string } }) => decision.rejection?.code ?? decision.kind;

describe('coming back', () => {
  it('returns an ended enrollment to completed if it had completed, else to active', () => {
    expect(statusOnReturn({ completedAt: new Date(0) })).toBe('completed');
    expect(statusOnReturn({ completedAt: null })).toBe('active');
  });
});

describe('enroll', () => {
  it('answers a paid course with the way to buy it: an order, the price and its currency', () => {
    const decision = decideEnroll(
      { enrollment: undefined, course: { ...published, priceCents: 1999, currency: 'USD' } },
      { actor: student, studentId: 'student' },
    );
    expect(decision).toEqual({
      kind: 'rejected',
      rejection: {
        code: 'PAYMENT_REQUIRED',
        message: expect.any(String),
        details: { order: { method: 'POST', href: '/api/orders', body: { courseId: 'course' } }, priceCents: 1999, currency: 'USD' },
      },
    });
  });

  const command = { actor: student, studentId: 'student' };
  it('creates in a published free course, reactivates a dropped or refunded one, refuses the rest', () => {
    expect(decideEnroll({ enrollment: undefined, course: published }, command)).toEqual({ kind: 'accepted', change: 'create' });
    expect(decideEnroll({ enrollment: enrollment('dropped'), course: published }, command)).toEqual({ kind: 'accepted', change: 'reactivate' });
    expect(decideEnroll({ enrollment: enrollment('refunded'), course: published }, command)).toEqual({ kind: 'accepted', change: 'reactivate' });
    for (const status of ['active', 'completed', 'suspended'] as const)
      expect(code(decideEnroll({ enrollment: enrollment(status), course: published }, command))).toBe('ALREADY_ENROLLED');
    expect(code(decideEnroll({ enrollment: undefined, course: { ...published, priceCents: 900 } }, command))).toBe('PAYMENT_REQUIRED');
    expect(code(decideEnroll({ enrollment: enrollment('refunded'), course: { ...published, priceCents: 900 } }, command))).toBe('PAYMENT_REQUIRED');
    expect(code(decideEnroll({ enrollment: undefined, course: { ...published, status: 'unpublished' } }, command))).toBe('COURSE_NOT_FOUND');
    expect(code(decideEnroll({ enrollment: undefined, course: undefined }, command))).toBe('COURSE_NOT_FOUND');
    expect(code(decideEnroll({ enrollment: undefined, course: published }, { actor: { userId: 'other', role: 'student' }, studentId: 'student' }))).toBe(
      'FORBIDDEN',
    );
  });

  it('takes no new or returning student in an archived course', () => {
    const archived = { ...published, status: 'archived' };
    expect(code(decideEnroll({ enrollment: undefined, course: archived }, command))).toBe('COURSE_NOT_FOUND');
    expect(code(decideEnroll({ enrollment: enrollment('dropped'), course: archived }, command))).toBe('COURSE_NOT_FOUND');
  });
});

describe('drop, suspend, reinstate', () => {
  it('lets the student or an admin drop an active enrollment; others do not see it', () => {
    expect(code(decideDrop(enrollment('active'), student))).toBe('accepted');
    expect(code(decideDrop(enrollment('active'), admin))).toBe('accepted');
    expect(code(decideDrop(enrollment('active'), { userId: 'other', role: 'instructor' }))).toBe('ENROLLMENT_NOT_FOUND');
    expect(code(decideDrop(enrollment('dropped'), student))).toBe('unchanged');
    expect(code(decideDrop(enrollment('completed'), student))).toBe('ENROLLMENT_NOT_ACTIVE');
  });

  it('suspends and reinstates for admins only', () => {
    expect(code(decideSuspend(enrollment('active'), student))).toBe('FORBIDDEN');
    expect(code(decideSuspend(enrollment('active'), admin))).toBe('accepted');
    expect(code(decideSuspend(enrollment('suspended'), admin))).toBe('unchanged');
    expect(code(decideReinstate(enrollment('suspended'), admin))).toBe('accepted');
    expect(code(decideReinstate(enrollment('dropped'), admin))).toBe('ENROLLMENT_NOT_ACTIVE');
  });
});

describe('complete a lesson', () => {
  const theory = { lessonId: 'l', kind: 'theory', required: true, quizId: null };
  const command = { actor: student, studentId: 'student' };
  it('accepts a new lesson of an active or completed enrollment, once', () => {
    expect(decideCompleteLesson({ lesson: theory, enrollment: enrollment('active') }, command)).toEqual({ kind: 'accepted', change: 'l' });
    expect(code(decideCompleteLesson({ lesson: theory, enrollment: enrollment('completed') }, command))).toBe('accepted');
    expect(code(decideCompleteLesson({ lesson: theory, enrollment: enrollment('active', ['l']) }, command))).toBe('unchanged');
  });

  it('refuses quiz and assignment lessons, unknown lessons, suspended, dropped and missing enrollments', () => {
    expect(code(decideCompleteLesson({ lesson: { ...theory, kind: 'quiz' }, enrollment: enrollment('active') }, command))).toBe('QUIZ_LESSON_NEEDS_PASS');
    expect(code(decideCompleteLesson({ lesson: { ...theory, kind: 'assignment' }, enrollment: enrollment('active') }, command))).toBe(
      'ASSIGNMENT_LESSON_NEEDS_PASS',
    );
    expect(code(decideCompleteLesson({ lesson: undefined, enrollment: undefined }, command))).toBe('LESSON_NOT_FOUND');
    expect(code(decideCompleteLesson({ lesson: theory, enrollment: enrollment('suspended') }, command))).toBe('ENROLLMENT_NOT_ACTIVE');
    expect(code(decideCompleteLesson({ lesson: theory, enrollment: enrollment('dropped') }, command))).toBe('NOT_ENROLLED');
    expect(code(decideCompleteLesson({ lesson: theory, enrollment: enrollment('refunded') }, command))).toBe('NOT_ENROLLED');
    expect(code(decideCompleteLesson({ lesson: theory, enrollment: undefined }, command))).toBe('NOT_ENROLLED');
  });
});

describe('visit a lesson', () => {
  const theory = { lessonId: 'l', kind: 'theory', required: true, quizId: null };
  const at = (seconds: number) => new Date(seconds * 1000);

  it('credits what is reported, at most four hours and at most the time since the previous visit', () => {
    expect(creditedSeconds(600, at(0), at(3600))).toBe(600);
    expect(creditedSeconds(3600, at(0), at(60))).toBe(60);
    expect(creditedSeconds(86_400, at(0), at(10 * 86_400))).toBe(4 * 3600);
    // A previous visit stamped ahead of this clock credits nothing rather than something negative.
    expect(creditedSeconds(600, at(100), at(0))).toBe(0);
  });

  it('measures from the last access, or from the enrollment before the first visit', () => {
    const first = decideVisit({ lesson: theory, enrollment: enrollment('active') }, { actor: student, studentId: 'student', secondsSpent: 900 }, at(300));
    expect(first).toEqual({ kind: 'accepted', change: { lessonId: 'l', secondsSpent: 300, at: at(300) } });
    const visited = { ...enrollment('active'), lastAccessedAt: at(1000) };
    expect(decideVisit({ lesson: theory, enrollment: visited }, { actor: student, studentId: 'student', secondsSpent: 900 }, at(1060))).toMatchObject({
      change: { secondsSpent: 60 },
    });
  });

  it('refuses suspended, dropped and missing enrollments and other students', () => {
    const visit = (enrollmentState: Enrollment | undefined, actor = student) =>
      code(decideVisit({ lesson: theory, enrollment: enrollmentState }, { actor, studentId: 'student', secondsSpent: 1 }, at(10)));
    expect(visit(enrollment('suspended'))).toBe('ENROLLMENT_NOT_ACTIVE');
    expect(visit(enrollment('dropped'))).toBe('NOT_ENROLLED');
    expect(visit(enrollment('refunded'))).toBe('NOT_ENROLLED');
    expect(visit(undefined)).toBe('NOT_ENROLLED');
    expect(visit(enrollment('active'), admin)).toBe('FORBIDDEN');
  });
});
