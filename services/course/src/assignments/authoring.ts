import { randomUUID } from 'node:crypto';
import { conflict, inTransaction, validationError, type Actor, type FieldIssue, type Writer } from '@smartcourse/platform';
import { authoredLesson } from '../outline/authored-lesson.js';
import { validateAssignment, type Assignment } from './rules.js';
import { findAssignmentOfLesson, insertAssignment, replaceAssignment } from './store.js';

/**
 * Sets the assignment of an assignment lesson, replacing the one before whole (same id, next
 * version). Submissions keep the lateness they were handed in with; a grade given after the
 * change uses the assignment as it is then. Under the course's row lock, like every outline
 * change. The structure other services replicate does not name assignments, so nothing is announced.
 */
export async function setAssignment(deps: Writer, lessonId: string, body: unknown, actor: Actor): Promise<Assignment> {
  const decision = validateAssignment(body);
  if (decision.kind === 'rejected') throw validationError(decision.rejection.details as FieldIssue[], decision.rejection.message);
  if (decision.kind !== 'accepted') throw new Error('validateAssignment decided neither way');
  const settings = decision.change;
  return inTransaction(deps, async ({ trx }) => {
    const { course, lesson } = await authoredLesson(trx, lessonId, actor);
    if (lesson.kind !== 'assignment') throw conflict('NOT_AN_ASSIGNMENT_LESSON', 'Only a lesson of kind assignment has an assignment.');
    const existing = await findAssignmentOfLesson(trx, lesson.id);
    if (existing) return replaceAssignment(trx, existing.id, settings);
    return insertAssignment(trx, { id: randomUUID(), lessonId: lesson.id, courseId: course.id, ...settings });
  });
}
