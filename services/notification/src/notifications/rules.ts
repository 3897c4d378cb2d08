import type {
  AssignmentGraded,
  AssignmentSubmitted,
  CertificateIssued,
  CertificateRevoked,
  CourseArchived,
  EnrollmentCompleted,
  EnrollmentCreated,
  LessonCompleted,
  NotificationCategory,
  OrderFailed,
  OrderPaid,
  OrderRefunded,
  QuizAttemptGraded,
  UserRegistered,
} from '@smartcourse/contracts';
import { templateCategory, type TemplateName } from '../templates/render.js';

/** What one event notifies: to whom, in which category, with which template, on which channels. */
export interface Plan {
  eventId: string;
  occurredAt: number;
  template: TemplateName;
  category: NotificationCategory;
  /** One person, every student of the course (a course archived), or the course's instructor (a submission). */
  to: { userId: string } | { studentsOf: string } | { instructorOf: string };
  courseId: string | null;
  /** A path in the app; the mail makes it absolute. */
  link: string;
  facts: Record<string, string | number | boolean | null>;
  channels: { email: boolean; inApp: boolean };
}

/** A plan as each event's planner writes it; its category is its template's. */
type Planned = Omit<Plan, 'category'>;

const both = { email: true, inApp: true };

/** The events this service turns into notifications, and what each becomes (DOMAIN.md §5). */
export const planners = {
  'user.registered': (event: UserRegistered): Planned => ({
    eventId: event.eventId,
    occurredAt: event.occurredAt,
    template: 'welcome',
    to: { userId: event.userId },
    courseId: null,
    link: '/courses',
    facts: {},
    channels: both,
  }),
  'enrollment.created': (event: EnrollmentCreated): Planned => ({
    eventId: event.eventId,
    occurredAt: event.occurredAt,
    template: 'enrolled',
    to: { userId: event.studentId },
    courseId: event.courseId,
    link: `/courses/${event.courseId}`,
    facts: {},
    channels: both,
  }),
  // Every lesson would be a mail too many: the inbox only.
  'lesson.completed': (event: LessonCompleted): Planned => ({
    eventId: event.eventId,
    occurredAt: event.occurredAt,
    template: 'lesson-completed',
    to: { userId: event.studentId },
    courseId: event.courseId,
    link: `/enrollments/${event.enrollmentId}`,
    facts: { percent: event.percent },
    channels: { email: false, inApp: true },
  }),
  'quiz.attempt_graded': (event: QuizAttemptGraded): Planned => ({
    eventId: event.eventId,
    occurredAt: event.occurredAt,
    template: 'quiz-graded',
    to: { userId: event.studentId },
    courseId: event.courseId,
    link: `/lessons/${event.lessonId}`,
    facts: { gradePercent: event.percent, passed: event.passed, attemptNumber: event.attemptNumber },
    channels: both,
  }),
  'assignment.submitted': (event: AssignmentSubmitted): Planned => ({
    eventId: event.eventId,
    occurredAt: event.occurredAt,
    template: 'assignment-submitted',
    to: { instructorOf: event.courseId },
    courseId: event.courseId,
    link: `/assignments/${event.assignmentId}/submissions`,
    facts: { version: event.version, late: event.late },
    channels: both,
  }),
  'assignment.graded': (event: AssignmentGraded): Planned => ({
    eventId: event.eventId,
    occurredAt: event.occurredAt,
    template: 'assignment-graded',
    to: { userId: event.studentId },
    courseId: event.courseId,
    link: `/lessons/${event.lessonId}`,
    facts: { score: event.score, maxScore: event.maxScore, percent: event.percent, passed: event.passed, latePenaltyPercent: event.latePenaltyPercent },
    channels: both,
  }),
  'enrollment.completed': (event: EnrollmentCompleted): Planned => ({
    eventId: event.eventId,
    occurredAt: event.occurredAt,
    template: 'course-completed',
    to: { userId: event.studentId },
    courseId: event.courseId,
    link: `/enrollments/${event.enrollmentId}`,
    facts: { scorePercent: event.scorePercent },
    channels: both,
  }),
  'certificate.issued': (event: CertificateIssued): Planned => ({
    eventId: event.eventId,
    occurredAt: event.occurredAt,
    template: 'certificate-issued',
    to: { userId: event.studentId },
    courseId: event.courseId,
    link: `/certificates/${event.certificateId}`,
    facts: { number: event.number },
    channels: both,
  }),
  'certificate.revoked': (event: CertificateRevoked): Planned => ({
    eventId: event.eventId,
    occurredAt: event.occurredAt,
    template: 'certificate-revoked',
    to: { userId: event.studentId },
    courseId: event.courseId,
    link: `/certificates/${event.certificateId}`,
    facts: { number: null, reason: event.reason },
    channels: both,
  }),
  'course.archived': (event: CourseArchived): Planned => ({
    eventId: event.eventId,
    occurredAt: event.occurredAt,
    template: 'course-archived',
    to: { studentsOf: event.courseId },
    courseId: event.courseId,
    link: `/courses/${event.courseId}`,
    facts: {},
    channels: both,
  }),
  'order.paid': (event: OrderPaid): Planned => ({
    eventId: event.eventId,
    occurredAt: event.occurredAt,
    template: 'order-receipt',
    to: { userId: event.studentId },
    courseId: event.courseId,
    link: `/api/orders/${event.orderId}/receipt`,
    facts: { amountCents: event.amountCents, currency: event.currency },
    channels: both,
  }),
  'order.refunded': (event: OrderRefunded): Planned => ({
    eventId: event.eventId,
    occurredAt: event.occurredAt,
    template: 'order-refunded',
    to: { userId: event.studentId },
    courseId: event.courseId,
    link: `/api/orders/${event.orderId}`,
    facts: { amountCents: event.amountCents, currency: event.currency },
    channels: both,
  }),
  // The buyer is on the payment page when it fails: a mail would only repeat it.
  'order.failed': (event: OrderFailed): Planned => ({
    eventId: event.eventId,
    occurredAt: event.occurredAt,
    template: 'order-failed',
    to: { userId: event.studentId },
    courseId: event.courseId,
    link: `/courses/${event.courseId}`,
    facts: {},
    channels: { email: false, inApp: true },
  }),
} as const;

export type NotifyingTopic = keyof typeof planners;

export function planFor(topic: NotifyingTopic, event: object): Plan {
  const planned = (planners[topic] as (value: unknown) => Planned)(event);
  return { ...planned, category: templateCategory[planned.template] };
}
