import { AppError, notFound, type Actor, type Knex } from '@smartcourse/platform';
import { mayStudy } from '../enrollments/rules.js';
import { statusOf } from '../enrollments/store.js';
import { canRead, isOwner, type Course } from './rules.js';
import { findCourse } from './store.js';

/** How the caller stands towards a course: its owner (or an admin), an enrolled student, or neither (anonymous callers too). */
export type CourseRole = { kind: 'owner'; course: Course } | { kind: 'student'; course: Course } | { kind: 'other'; course: Course | undefined };

export async function roleInCourse(db: Knex, courseId: string, caller: Actor | undefined): Promise<CourseRole> {
  const course = await findCourse(db, courseId);
  if (!course || !caller) return { kind: 'other', course };
  if (isOwner(course, caller)) return { kind: 'owner', course };
  return mayStudy(await statusOf(db, caller.userId, course.id)) ? { kind: 'student', course } : { kind: 'other', course };
}

/**
 * The refusal for a caller who neither owns nor studies the course: 403 when they may read the
 * course (enrolling would help), else the thing does not exist for them (404 as `hiddenAs`).
 */
export function outsiderRefusal(
  course: Course | undefined,
  caller: Actor | undefined,
  hiddenAs: 'LESSON_NOT_FOUND' | 'QUIZ_NOT_FOUND' | 'ASSIGNMENT_NOT_FOUND',
): AppError {
  if (course && canRead(course, caller, false)) return new AppError({ code: 'ENROLLMENT_REQUIRED', message: 'Enroll in the course first.' });
  return notFound(hiddenAs, hiddenMessages[hiddenAs]);
}

/** Whether the caller may see a course (its facts, its thumbnail): `canRead`, with their enrollment looked up when it matters. */
export async function maySeeCourse(db: Knex, course: Course, caller: Actor | undefined): Promise<boolean> {
  const enrolled = caller && course.status !== 'published' ? mayStudy(await statusOf(db, caller.userId, course.id)) : false;
  return canRead(course, caller, enrolled);
}

const hiddenMessages = { LESSON_NOT_FOUND: 'No such lesson.', QUIZ_NOT_FOUND: 'No such quiz.', ASSIGNMENT_NOT_FOUND: 'No such assignment.' } as const;
