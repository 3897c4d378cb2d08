import { on, type EventHandler, type Replica, type ReplicaContext } from '@smartcourse/platform';
import { lockCourseExclusive } from '../locks.js';
import { keepFacts, keepStatus, replaceStructure, type TitledLesson } from './store.js';

/**
 * `course.published` and `course.updated` carry the course's facts; unpublish and archive only
 * the status. Each fact is kept unless a newer one of its kind was (occurredAt), so replays and
 * the interleaving of the topics converge on the latest state.
 */
const keepCourseFacts: EventHandler<'course.published' | 'course.updated', ReplicaContext> = async (event, { trx }) => {
  const at = new Date(event.occurredAt);
  await keepFacts(trx, {
    courseId: event.courseId,
    instructorId: event.instructorId,
    title: event.title,
    priceCents: event.priceCents,
    currency: event.currency,
    at,
  });
  const status = 'status' in event ? event.status : 'published';
  await keepStatus(trx, { courseId: event.courseId, instructorId: event.instructorId, status, at });
};

function keepCourseStatus(status: 'unpublished' | 'archived'): EventHandler<'course.unpublished' | 'course.archived', ReplicaContext> {
  return (event, { trx }) => keepStatus(trx, { courseId: event.courseId, instructorId: event.instructorId, status, at: new Date(event.occurredAt) });
}

/** Keeps the newest structure only (its course locked exclusively); an older `structureVersion` arriving late is ignored. */
const keepStructure: EventHandler<'course.structure_changed', ReplicaContext> = async (event, { trx, log }) => {
  const lessons: TitledLesson[] = event.modules.flatMap((module) =>
    module.lessons.map((lesson) => ({ lessonId: lesson.lessonId, title: lesson.title, kind: lesson.kind, required: lesson.required, quizId: lesson.quizId })),
  );
  await lockCourseExclusive(trx, event.courseId);
  if (!(await replaceStructure(trx, event.courseId, event.structureVersion, lessons))) {
    log.debug({ courseId: event.courseId, structureVersion: event.structureVersion }, 'older structure ignored');
  }
};

/**
 * The course replica, declared once: the live service runs these listeners (and, after the
 * structure's, recomputes the course's enrollments: subscriptions.ts); `sc rebuild` runs them
 * alone, so a rebuild recomputes no enrollment and writes no outbox row. Tables parents first.
 */
export const courseStructureReplica: Replica = {
  name: 'course-structures',
  description: "Courses' catalog facts and lesson structures, from the course topics.",
  tables: [
    { name: 'courses', key: ['id'] },
    // updated_at is when this replica wrote the row, not a fact of the course
    { name: 'structures', key: ['course_id'], ignore: ['updated_at'] },
    { name: 'structure_lessons', key: ['lesson_id'] },
  ],
  listeners: [
    on('course.published', keepCourseFacts),
    on('course.unpublished', keepCourseStatus('unpublished')),
    on('course.archived', keepCourseStatus('archived')),
    on('course.updated', keepCourseFacts),
    on('course.structure_changed', keepStructure),
  ],
};
