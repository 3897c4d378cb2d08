import { on, type EventHandler, type Replica, type ReplicaContext } from '@smartcourse/platform';
import { keepFacts, keepOutline, keepStatus } from './store.js';

type SnapshotTopic = 'course.created' | 'course.updated' | 'course.published';

/** The snapshot events carry title and instructor; `course.updated` its status too, the others imply it. */
const keepSnapshot: EventHandler<SnapshotTopic, ReplicaContext> = async (event, { trx }) => {
  const at = new Date(event.occurredAt);
  await keepFacts(trx, { courseId: event.courseId, instructorId: event.instructorId, title: event.title, at });
  const status = 'status' in event ? event.status : 'structureVersion' in event ? 'published' : 'draft';
  await keepStatus(trx, { courseId: event.courseId, instructorId: event.instructorId, status, at });
};

function keepCourseStatus(status: string): EventHandler<'course.unpublished' | 'course.archived' | 'course.deleted', ReplicaContext> {
  return (event, { trx }) => keepStatus(trx, { courseId: event.courseId, instructorId: event.instructorId, status, at: new Date(event.occurredAt) });
}

/** Courses: title, instructor, status and the outline's lessons in order (for drop-off per lesson). */
export const courseReplica: Replica = {
  name: 'courses',
  description: "Courses' titles, instructors, status and lesson outline, from the course topics.",
  tables: [{ name: 'courses', key: ['course_id'] }],
  listeners: [
    on('course.created', keepSnapshot),
    on('course.updated', keepSnapshot),
    on('course.published', keepSnapshot),
    on('course.unpublished', keepCourseStatus('unpublished')),
    on('course.archived', keepCourseStatus('archived')),
    on('course.deleted', keepCourseStatus('deleted')),
    on('course.structure_changed', (event, { trx }) =>
      keepOutline(trx, {
        courseId: event.courseId,
        structureVersion: event.structureVersion,
        lessons: event.modules.flatMap((module) =>
          module.lessons.map((lesson) => ({ lessonId: lesson.lessonId, title: lesson.title, moduleId: module.moduleId })),
        ),
      }),
    ),
  ],
};
