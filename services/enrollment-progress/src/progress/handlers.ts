import { enrollmentIdOf, type QuizAttemptGraded } from '@smartcourse/contracts';
import { causedBy, type IncomingMessage, type Knex, type MessageContext } from '@smartcourse/platform';
import { lockCourseShared } from '../locks.js';
import { keepGrade } from './store.js';

/** What follows a kept grade in the same transaction: the enrollment, if it exists, catches up. */
export type GradeFollowUp = (trx: Knex.Transaction, enrollmentId: string, context: MessageContext) => Promise<void>;

/**
 * Records the grade whether or not the enrollment or the structure exists yet (events may come out
 * of order); the enrollment applies recorded grades when it, or the structure, arrives. A grade
 * already kept (redelivery, replay) changes nothing, so no inbox is needed.
 */
export function quizGradedHandler(db: Knex, followUp: GradeFollowUp, onCommitted: () => void) {
  return async (message: IncomingMessage): Promise<void> => {
    const event = message.value as unknown as QuizAttemptGraded;
    await db.transaction(async (trx) => {
      await lockCourseShared(trx, event.courseId);
      const kept = await keepGrade(trx, {
        studentId: event.studentId,
        courseId: event.courseId,
        quizId: event.quizId,
        lessonId: event.lessonId,
        gradePercent: event.quizGradePercent,
        passed: event.quizPassed,
        attemptNumber: event.attemptNumber,
        gradedAt: new Date(event.occurredAt),
      });
      if (kept) await followUp(trx, enrollmentIdOf(event.studentId, event.courseId), causedBy(message.headers, event.eventId));
    });
    onCommitted();
  };
}
