import type { CourseArchived, CoursePublished, CourseStructureChanged, CourseUnpublished, CourseUpdated } from '@smartcourse/contracts';
import { causedBy, type IncomingMessage, type Knex, type Logger, type MessageContext } from '@smartcourse/platform';
import { lockCourseExclusive } from '../locks.js';
import type { StructureLesson } from './rules.js';
import { keepFacts, keepStatus, replaceStructure } from './store.js';

/**
 * `course.published` and `course.updated` carry the course's facts; unpublish and archive only
 * the status. Each fact is kept unless a newer one of its kind was (occurredAt), so replays and
 * the interleaving of the topics converge on the latest state.
 */
export function courseFactHandler(db: Knex, status: 'published' | 'unpublished' | 'archived' | 'updated') {
  return async (message: IncomingMessage): Promise<void> => {
    const event = message.value as unknown as CoursePublished | CourseUpdated | CourseUnpublished | CourseArchived;
    const at = new Date(event.occurredAt);
    await db.transaction(async (trx) => {
      if ('title' in event) await keepFacts(trx, { courseId: event.courseId, instructorId: event.instructorId, title: event.title, priceCents: event.priceCents, at });
      const next = status === 'updated' ? (event as CourseUpdated).status : status;
      await keepStatus(trx, { courseId: event.courseId, instructorId: event.instructorId, status: next, at });
    });
  };
}

/** What follows a newer structure in the same transaction: the course's enrollments recomputed. */
export type StructureFollowUp = (trx: Knex.Transaction, courseId: string, context: MessageContext) => Promise<void>;

/** Keeps the newest structure only; an older `structureVersion` arriving late is ignored. */
export function structureHandler(db: Knex, followUp: StructureFollowUp, onCommitted: () => void) {
  return async (message: IncomingMessage, log: Logger): Promise<void> => {
    const event = message.value as unknown as CourseStructureChanged;
    const lessons: StructureLesson[] = event.modules.flatMap((module) =>
      module.lessons.map((lesson) => ({ lessonId: lesson.lessonId, kind: lesson.kind, required: lesson.required, quizId: lesson.quizId })),
    );
    const replaced = await db.transaction(async (trx) => {
      await lockCourseExclusive(trx, event.courseId);
      if (!(await replaceStructure(trx, event.courseId, event.structureVersion, lessons))) return false;
      await followUp(trx, event.courseId, causedBy(message.headers, event.eventId));
      return true;
    });
    if (replaced) onCommitted();
    else log.debug({ courseId: event.courseId, structureVersion: event.structureVersion }, 'older structure ignored');
  };
}
