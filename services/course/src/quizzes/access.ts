import { AppError, notFound, type Actor, type Knex } from '@smartcourse/platform';
import { loadCourse } from '../courses/lookup.js';
import { canRead, isOwner, type Course } from '../courses/rules.js';
import { mayStudyCourse } from '../enrollments/lookup.js';

/** How the caller stands towards a quiz's course: its owner (or an admin), an enrolled student, or neither. */
export type QuizRole = { kind: 'owner'; course: Course } | { kind: 'student'; course: Course } | { kind: 'other'; course: Course | undefined };

export async function roleInCourse(db: Knex, courseId: string, actor: Actor): Promise<QuizRole> {
  const course = await loadCourse(db, courseId);
  if (!course) return { kind: 'other', course };
  if (isOwner(course, actor)) return { kind: 'owner', course };
  return (await mayStudyCourse(db, actor.userId, course.id)) ? { kind: 'student', course } : { kind: 'other', course };
}

/**
 * The refusal for a caller who neither owns nor studies the course: 403 when they may read the
 * course (enrolling would help), else the thing does not exist for them (404 as `hiddenAs`).
 */
export function outsiderRefusal(course: Course | undefined, actor: Actor, hiddenAs: 'LESSON_NOT_FOUND' | 'QUIZ_NOT_FOUND'): AppError {
  if (course && canRead(course, actor, false)) return new AppError({ code: 'ENROLLMENT_REQUIRED', status: 403, message: 'Enroll in the course to take its quizzes.' });
  return notFound(hiddenAs, hiddenAs === 'LESSON_NOT_FOUND' ? 'No such lesson.' : 'No such quiz.');
}
