import type { Knex } from '@smartcourse/platform';
import type { Course } from './rules.js';
import { bumpStructureVersion, findCourse } from './store.js';

/** Reads a course for other features of this service (they never import the courses store). */
export function loadCourse(db: Knex | Knex.Transaction, id: string, options: { forUpdate?: boolean } = {}): Promise<Course | undefined> {
  return findCourse(db, id, options);
}

/** The course's next outline version, for a `course.structure_changed` (in the caller's transaction). */
export function nextStructureVersion(trx: Knex.Transaction, courseId: string): Promise<number> {
  return bumpStructureVersion(trx, courseId);
}
