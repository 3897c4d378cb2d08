import type { Knex } from '@smartcourse/platform';
import { quizzesOfCourse } from '../quizzes/lookup.js';
import type { OutlineReadiness } from '../courses/rules.js';
import { readinessOf, type Lesson, type Outline } from './rules.js';
import { findLesson, loadOutline } from './store.js';

/** Reads the outline for other features of this service (they never import the outline store). */
export function courseOutline(db: Knex | Knex.Transaction, courseId: string): Promise<Outline> {
  return loadOutline(db, courseId);
}

export function lessonById(db: Knex | Knex.Transaction, lessonId: string): Promise<Lesson | undefined> {
  return findLesson(db, lessonId);
}

/** What the publish rule needs to know of the outline. */
export async function publishReadiness(trx: Knex.Transaction, courseId: string): Promise<OutlineReadiness> {
  const outline = await loadOutline(trx, courseId);
  return readinessOf(outline, await quizzesOfCourse(trx, courseId));
}
