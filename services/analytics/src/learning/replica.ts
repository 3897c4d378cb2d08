import { on, type EventHandler, type Replica, type ReplicaContext } from '@smartcourse/platform';
import { keepIssued, keepRevoked } from './certificates.js';
import { keepEnrollmentStatus, keepLessonCompleted, touchEnrollment } from './enrollments.js';
import { keepGrade } from './grades.js';

type StatusTopic = 'enrollment.dropped' | 'enrollment.reactivated' | 'enrollment.suspended' | 'enrollment.reinstated' | 'enrollment.refunded';

function keepStatus(status: string): EventHandler<StatusTopic, ReplicaContext> {
  return (event, { trx }) => keepEnrollmentStatus(trx, { ...event, status, at: new Date(event.occurredAt) });
}

/**
 * Learning facts: enrollments (status, progress, completion, last activity), lessons completed
 * and each lesson's count of learners, quiz and assignment grades, certificates.
 */
export const learningReplica: Replica = {
  name: 'learning',
  description:
    'Enrollments with progress and completion, lessons completed, grades and certificates, from the enrollment, quiz, assignment and certificate topics.',
  tables: [
    { name: 'enrollments', key: ['enrollment_id'] },
    { name: 'lesson_completions', key: ['enrollment_id', 'lesson_id'] },
    { name: 'lesson_learners', key: ['course_id', 'lesson_id'] },
    { name: 'grades', key: ['kind', 'item_id', 'student_id'] },
    { name: 'certificates', key: ['certificate_id'] },
  ],
  listeners: [
    on('enrollment.created', (event, { trx }) =>
      keepEnrollmentStatus(trx, { ...event, status: 'active', at: new Date(event.enrolledAt), enrolledAt: new Date(event.enrolledAt) }),
    ),
    on('enrollment.dropped', keepStatus('dropped')),
    on('enrollment.reactivated', keepStatus('active')),
    on('enrollment.suspended', keepStatus('suspended')),
    on('enrollment.reinstated', keepStatus('active')),
    on('enrollment.refunded', keepStatus('refunded')),
    on('enrollment.completed', (event, { trx }) =>
      keepEnrollmentStatus(trx, { ...event, status: 'completed', at: new Date(event.completedAt), completedAt: new Date(event.completedAt) }),
    ),
    on('lesson.completed', (event, { trx }) => keepLessonCompleted(trx, { ...event, completedAt: new Date(event.completedAt) })),
    on('quiz.attempt_graded', async (event, { trx }) => {
      const gradedAt = new Date(event.occurredAt);
      const { quizId: itemId, studentId, courseId, quizGradePercent: percent, quizPassed: passed } = event;
      await keepGrade(trx, { kind: 'quiz', itemId, studentId, courseId, percent, passed, gradedAt });
      await touchEnrollment(trx, { studentId, courseId, at: gradedAt });
    }),
    on('assignment.graded', async (event, { trx }) => {
      const gradedAt = new Date(event.occurredAt);
      const { assignmentId: itemId, studentId, courseId, percent, passed } = event;
      await keepGrade(trx, { kind: 'assignment', itemId, studentId, courseId, percent, passed, gradedAt });
      await touchEnrollment(trx, { studentId, courseId, at: gradedAt });
    }),
    on('certificate.issued', (event, { trx }) => keepIssued(trx, { ...event, issuedAt: new Date(event.issuedAt) })),
    on('certificate.revoked', (event, { trx }) => keepRevoked(trx, { ...event, revokedAt: new Date(event.revokedAt) })),
  ],
};
