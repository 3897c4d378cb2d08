import { notFound, type Actor, type Knex } from '@smartcourse/platform';
import { outsiderRefusal, roleInCourse } from '../courses/access.js';
import { findLesson } from '../outline/store.js';
import type { Assignment } from './rules.js';
import { findAssignmentOfLesson } from './store.js';

/** A lesson's assignment, for the course's owner and admins and its enrolled students; 403/404 to others. */
export async function readAssignment(db: Knex, lessonId: string, actor: Actor): Promise<Assignment> {
  const lesson = await findLesson(db, lessonId);
  if (!lesson) throw notFound('LESSON_NOT_FOUND', 'No such lesson.');
  const role = await roleInCourse(db, lesson.courseId, actor);
  if (role.kind === 'other') throw outsiderRefusal(role.course, actor, 'LESSON_NOT_FOUND');
  const assignment = await findAssignmentOfLesson(db, lesson.id);
  if (!assignment) throw notFound('ASSIGNMENT_NOT_FOUND', 'This lesson has no assignment yet.');
  return assignment;
}
