import type { Knex } from '@smartcourse/platform';
import { attemptRefusal, mayStudy } from './rules.js';
import { countsByCourse, statusOf } from './store.js';

/** Whether the student may study the course (active or completed enrollment), for other features. */
export async function mayStudyCourse(db: Knex | Knex.Transaction, studentId: string, courseId: string): Promise<boolean> {
  return mayStudy(await statusOf(db, studentId, courseId));
}

/** Why the student may not start or submit an attempt at a quiz of the course, if they may not. */
export async function attemptRefusalIn(db: Knex | Knex.Transaction, studentId: string, courseId: string): Promise<ReturnType<typeof attemptRefusal>> {
  return attemptRefusal(await statusOf(db, studentId, courseId));
}

/** Counted enrollments per course, for the instructor's list. */
export function enrollmentCounts(db: Knex, courseIds: readonly string[]): Promise<Map<string, number>> {
  return countsByCourse(db, courseIds);
}
