import { enrollmentIdOf } from '@smartcourse/contracts';
import type { EventHandler } from '@smartcourse/platform';
import { lockCourseShared } from '../locks.js';
import type { GradeFollowUp } from '../progress/handlers.js';
import { keepAssignmentGrade } from './store.js';

/**
 * Records an assignment grade whether or not the enrollment or the structure exists yet (events
 * may come out of order), then lets the enrollment, if it exists, catch up: a passing grade
 * completes its assignment lesson once. An older revision (a replay) changes nothing.
 */
export function keepAssignmentGradeThen(followUp: GradeFollowUp): EventHandler<'assignment.graded'> {
  return async (event, ctx) => {
    await lockCourseShared(ctx.trx, event.courseId);
    const kept = await keepAssignmentGrade(ctx.trx, {
      studentId: event.studentId,
      courseId: event.courseId,
      assignmentId: event.assignmentId,
      lessonId: event.lessonId,
      percent: event.percent,
      passed: event.passed,
      revision: event.revision,
      gradedAt: new Date(event.occurredAt),
    });
    if (kept) await followUp(enrollmentIdOf(event.studentId, event.courseId), ctx);
  };
}
