import { notFound, type Actor, type AppError, type Knex } from '@smartcourse/platform';
import { outsiderRefusal, roleInCourse } from '../courses/access.js';
import type { Lesson } from './rules.js';

/**
 * Who may read a lesson: its course's owner and admins, students enrolled in the course (active
 * or completed), and anyone for a preview lesson of a published course. Anyone else gets the
 * refusal: 403 for a lesson of a course they may read but not study, else 404.
 */
export async function lessonReadRefusal(db: Knex, lesson: Pick<Lesson, 'courseId' | 'isPreview'>, caller: Actor | undefined): Promise<AppError | undefined> {
  const role = await roleInCourse(db, lesson.courseId, caller);
  if (!role.course) return notFound('LESSON_NOT_FOUND', 'No such lesson.');
  const preview = lesson.isPreview && role.course.status === 'published';
  if (role.kind === 'other' && !preview) return outsiderRefusal(role.course, caller, 'LESSON_NOT_FOUND');
  return undefined;
}
