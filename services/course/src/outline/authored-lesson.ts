import { AppError, notFound, type Actor, type Knex } from '@smartcourse/platform';
import { authoringRefusal, type Course } from '../courses/rules.js';
import { findCourse } from '../courses/store.js';
import type { Lesson } from './rules.js';
import { findLesson } from './store.js';

export const lessonNotFound = () => notFound('LESSON_NOT_FOUND', 'No such lesson.');

/**
 * A lesson its author changes (a quiz, an assignment), with its course locked for the change like
 * every outline change; refused as the course's author rules say, and as a missing lesson when
 * the caller may not see the course.
 */
export async function authoredLesson(trx: Knex.Transaction, lessonId: string, actor: Actor): Promise<{ course: Course; lesson: Lesson }> {
  const found = await findLesson(trx, lessonId);
  if (!found) throw lessonNotFound();
  const course = await findCourse(trx, found.courseId, { forUpdate: true });
  const refusal = authoringRefusal(course, actor);
  // The route names a lesson: a course the caller may not see hides its lessons.
  if (refusal?.code === 'COURSE_NOT_FOUND') throw lessonNotFound();
  if (refusal) throw new AppError({ code: refusal.code, message: refusal.message });
  // Read again under the lock: the lesson may have gone or changed kind meanwhile.
  const lesson = await findLesson(trx, lessonId);
  if (!course || !lesson) throw lessonNotFound();
  return { course, lesson };
}
