import { randomUUID } from 'node:crypto';
import { eventRecord, type Knex, type MessageContext, type OutgoingRecord } from '@smartcourse/platform';
import type { Course } from '../courses/rules.js';
import { bumpStructureVersion } from '../courses/store.js';
import { quizzesOfCourse } from '../quizzes/store.js';
import { structureOf } from './rules.js';
import { loadOutline } from './store.js';

/** Whether other services replicate the course's structure: once published, until archived. */
export const structureIsPublic = (course: Pick<Course, 'firstPublishedAt' | 'status'>) => course.firstPublishedAt !== null && course.status !== 'archived';

/**
 * `course.structure_changed` with the whole outline as the transaction sees it and the next
 * structure version, for a course whose structure is public (at publish, or a change after it).
 * Call it after the change is written, under the course's row lock.
 */
export async function structureChange(
  trx: Knex.Transaction,
  course: Course,
  context: MessageContext,
  options: { publishing?: boolean } = {},
): Promise<OutgoingRecord[]> {
  if (!options.publishing && !structureIsPublic(course)) return [];
  const structureVersion = await bumpStructureVersion(trx, course.id);
  const outline = await loadOutline(trx, course.id);
  const quizzes = await quizzesOfCourse(trx, course.id);
  return [
    eventRecord(
      'course.structure_changed',
      { eventId: randomUUID(), occurredAt: Date.now(), courseId: course.id, structureVersion, modules: structureOf(outline, quizzes) },
      { service: 'course', key: course.id, context },
    ),
  ];
}
