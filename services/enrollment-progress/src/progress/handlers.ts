import { enrollmentIdOf } from '@smartcourse/contracts';
import type { EventContext, EventHandler } from '@smartcourse/platform';
import { lockCourseShared } from '../locks.js';
import { keepGrade } from './store.js';

/** What follows a newly kept grade in the same transaction: the enrollment, if it exists, catches up. */
export type GradeFollowUp = (enrollmentId: string, ctx: EventContext) => Promise<void>;

/**
 * Records the grade whether or not the enrollment or the structure exists yet (events may come out
 * of order); the enrollment applies recorded grades when it, or the structure, arrives. A grade
 * already kept (a replay by a new group) changes nothing.
 */
export function keepGradeThen(followUp: GradeFollowUp): EventHandler<'quiz.attempt_graded'> {
  return async (event, ctx) => {
    await lockCourseShared(ctx.trx, event.courseId);
    const kept = await keepGrade(ctx.trx, {
      studentId: event.studentId,
      courseId: event.courseId,
      quizId: event.quizId,
      lessonId: event.lessonId,
      gradePercent: event.quizGradePercent,
      passed: event.quizPassed,
      attemptNumber: event.attemptNumber,
      gradedAt: new Date(event.occurredAt),
    });
    if (kept) await followUp(enrollmentIdOf(event.studentId, event.courseId), ctx);
  };
}
