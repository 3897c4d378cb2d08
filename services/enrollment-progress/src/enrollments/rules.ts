import { maxVisitSeconds, type EnrollmentStatus } from '@smartcourse/contracts';
import { accept, reject, type Actor, type Decision } from '@smartcourse/platform';
import { isEnrollable, isPaid, type CourseReplica, type StructureLesson } from '../courses/rules.js';
import { isAssignmentLesson } from '../assignment-grades/rules.js';
import { isQuizLesson } from '../progress/rules.js';

/** One enrollment with its progress: the row this service owns. */
export interface Enrollment {
  id: string;
  studentId: string;
  courseId: string;
  status: EnrollmentStatus;
  completedLessonIds: string[];
  percent: number;
  requiredLessonCount: number;
  completedRequiredCount: number;
  currentLessonId: string | null;
  lastAccessedAt: Date | null;
  timeSpentSeconds: number;
  enrolledAt: Date;
  completedAt: Date | null;
  scorePercent: number | null;
  /** The order that bought the current activation; null when the student enrolled themselves. */
  orderId: string | null;
  /** When that order was refunded (status `refunded`). */
  refundedAt: Date | null;
  /** +1 per published change; every event carries the version after it. */
  version: number;
  updatedAt: Date;
}

const isAdmin = (actor: Actor) => actor.role === 'admin';
const notFound = () => reject('ENROLLMENT_NOT_FOUND', 'No such enrollment.');

/** The way to buy a paid course, in a refused enrollment's details: create an order (payment service). */
export const purchaseOffer = (course: CourseReplica) => ({
  order: { method: 'POST', href: '/api/orders', body: { courseId: course.id } },
  priceCents: course.priceCents,
  currency: course.currency,
});

/** An ended enrollment (dropped, or refunded) that enrolling again brings back with its progress. */
export const isEnded = (enrollment: Pick<Enrollment, 'status'>): boolean => enrollment.status === 'dropped' || enrollment.status === 'refunded';

/**
 * The status an ended enrollment comes back to: `completed` if it had completed before it ended (a
 * refund can end a completed enrollment; completion is never undone, and `enrollment.completed` is
 * published once per enrollment), else `active`.
 */
export const statusOnReturn = (enrollment: Pick<Enrollment, 'completedAt'>): 'active' | 'completed' => (enrollment.completedAt ? 'completed' : 'active');

/**
 * Enroll: a published free course, once per student; a dropped or refunded enrollment is
 * reactivated with its progress. A paid course is bought with an order instead (402 with the way).
 */
export function decideEnroll(
  state: { enrollment: Enrollment | undefined; course: CourseReplica | undefined },
  command: { actor: Actor; studentId: string },
): Decision<'create' | 'reactivate'> {
  if (command.actor.userId !== command.studentId && !isAdmin(command.actor)) return reject('FORBIDDEN', 'Students enroll themselves.');
  if (!isEnrollable(state.course)) return reject('COURSE_NOT_FOUND', 'No such published course.');
  if (isPaid(state.course)) return reject('PAYMENT_REQUIRED', 'This course has a price: buy it with an order.', purchaseOffer(state.course));
  if (!state.enrollment) return accept('create');
  if (isEnded(state.enrollment)) return accept('reactivate');
  return reject('ALREADY_ENROLLED', 'You are already enrolled in this course.', { enrollmentId: state.enrollment.id, status: state.enrollment.status });
}

/** Only the student (or an admin) drops an active enrollment; dropping a dropped one changes nothing. */
export function decideDrop(enrollment: Enrollment | undefined, actor: Actor): Decision<null> {
  if (!enrollment || (enrollment.studentId !== actor.userId && !isAdmin(actor))) return notFound();
  if (enrollment.status === 'dropped') return { kind: 'unchanged' };
  if (enrollment.status !== 'active') return reject('ENROLLMENT_NOT_ACTIVE', `A ${enrollment.status} enrollment cannot be dropped.`);
  return accept(null);
}

/** Admins suspend an active enrollment; suspending a suspended one changes nothing. */
export function decideSuspend(enrollment: Enrollment | undefined, actor: Actor): Decision<null> {
  if (!isAdmin(actor)) return reject('FORBIDDEN', 'Only admins suspend enrollments.');
  if (!enrollment) return notFound();
  if (enrollment.status === 'suspended') return { kind: 'unchanged' };
  if (enrollment.status !== 'active') return reject('ENROLLMENT_NOT_ACTIVE', `A ${enrollment.status} enrollment cannot be suspended.`);
  return accept(null);
}

/** Admins reinstate a suspended enrollment to active; reinstating an active one changes nothing. */
export function decideReinstate(enrollment: Enrollment | undefined, actor: Actor): Decision<null> {
  if (!isAdmin(actor)) return reject('FORBIDDEN', 'Only admins reinstate enrollments.');
  if (!enrollment) return notFound();
  if (enrollment.status === 'active') return { kind: 'unchanged' };
  if (enrollment.status !== 'suspended') return reject('ENROLLMENT_NOT_ACTIVE', `A ${enrollment.status} enrollment cannot be reinstated.`);
  return accept(null);
}

/** Active and completed enrollments study; suspended, dropped and refunded ones do not. */
export function studyRefusal(enrollment: Enrollment | undefined): Decision<never> | undefined {
  if (!enrollment || isEnded(enrollment)) return reject('NOT_ENROLLED', 'You are not enrolled in the course of this lesson.');
  if (enrollment.status === 'suspended') return reject('ENROLLMENT_NOT_ACTIVE', 'Your enrollment is suspended.');
  return undefined;
}

/** The lesson the student is about, found in the current structure of its course. */
export interface LessonState {
  lesson: StructureLesson | undefined;
  enrollment: Enrollment | undefined;
}

/** Completing a lesson: only the student's own, of the current structure, not a quiz or assignment lesson; a second time changes nothing. */
export function decideCompleteLesson(state: LessonState, command: { actor: Actor; studentId: string }): Decision<string> {
  if (command.actor.userId !== command.studentId) return reject('FORBIDDEN', 'Students complete their own lessons.');
  if (!state.lesson) return reject('LESSON_NOT_FOUND', 'No such lesson in a published course.');
  const refusal = studyRefusal(state.enrollment);
  if (refusal || !state.enrollment) return refusal ?? reject('NOT_ENROLLED', 'You are not enrolled in the course of this lesson.');
  if (isQuizLesson(state.lesson)) return reject('QUIZ_LESSON_NEEDS_PASS', 'A quiz lesson completes when its quiz is passed.');
  if (isAssignmentLesson(state.lesson))
    return reject('ASSIGNMENT_LESSON_NEEDS_PASS', 'An assignment lesson completes when your work is graded at its pass mark.');
  if (state.enrollment.completedLessonIds.includes(state.lesson.lessonId)) return { kind: 'unchanged' };
  return accept(state.lesson.lessonId);
}

/** A visit as it is recorded: the lesson, the seconds credited and when it was recorded. */
export interface Visit {
  lessonId: string;
  secondsSpent: number;
  at: Date;
}

/**
 * The seconds a visit adds to the time spent: what the student reports, at most `maxVisitSeconds`
 * and at most the real time since their previous visit (or since they enrolled), so the total
 * never runs ahead of the clock however often or however much is reported.
 */
export function creditedSeconds(reported: number, since: Date, now: Date): number {
  const elapsed = Math.floor((now.getTime() - since.getTime()) / 1000);
  return Math.max(0, Math.min(Math.floor(reported), maxVisitSeconds, elapsed));
}

/** A visit moves the current lesson, the last access and the time spent of the student's own enrollment. */
export function decideVisit(state: LessonState, command: { actor: Actor; studentId: string; secondsSpent: number }, now: Date): Decision<Visit> {
  if (command.actor.userId !== command.studentId) return reject('FORBIDDEN', 'Students record their own visits.');
  if (!state.lesson) return reject('LESSON_NOT_FOUND', 'No such lesson in a published course.');
  const refusal = studyRefusal(state.enrollment);
  if (refusal || !state.enrollment) return refusal ?? reject('NOT_ENROLLED', 'You are not enrolled in the course of this lesson.');
  const since = state.enrollment.lastAccessedAt ?? state.enrollment.enrolledAt;
  return accept({ lessonId: state.lesson.lessonId, secondsSpent: creditedSeconds(command.secondsSpent, since, now), at: now });
}

/** Whether the actor may read the enrollment: its student, the course's instructor (while an instructor), admins. */
export const mayRead = (enrollment: Enrollment, instructorId: string | undefined, actor: Actor): boolean =>
  isAdmin(actor) || enrollment.studentId === actor.userId || (actor.role === 'instructor' && instructorId !== undefined && instructorId === actor.userId);
