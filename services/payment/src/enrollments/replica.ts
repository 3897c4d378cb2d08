import { on, type EventHandler, type Replica, type ReplicaContext } from '@smartcourse/platform';
import { keepEnrollmentStatus, keepPercent } from './store.js';

type StatusTopic = 'enrollment.created' | 'enrollment.dropped' | 'enrollment.reactivated' | 'enrollment.refunded';

function keepStatus(status: string): EventHandler<StatusTopic, ReplicaContext> {
  return (event, { trx }) =>
    keepEnrollmentStatus(trx, { enrollmentId: event.enrollmentId, studentId: event.studentId, courseId: event.courseId, status, version: event.version });
}

/**
 * Enrollments of buyers: whether one is on (an order for a course already owned is refused) and
 * how far it got (a buyer's refund is refused past the threshold), from the enrollment topics.
 */
export const enrollmentReplica: Replica = {
  name: 'enrollments',
  description: "Students' enrollments (status, highest percent), from the enrollment topics.",
  tables: [{ name: 'enrollments', key: ['student_id', 'course_id'] }],
  listeners: [
    on('enrollment.created', keepStatus('active')),
    on('enrollment.reactivated', keepStatus('active')),
    on('enrollment.dropped', keepStatus('dropped')),
    on('enrollment.refunded', keepStatus('refunded')),
    on('lesson.completed', (event, { trx }) =>
      keepPercent(trx, {
        enrollmentId: event.enrollmentId,
        studentId: event.studentId,
        courseId: event.courseId,
        percent: event.percent,
      }),
    ),
  ],
};
