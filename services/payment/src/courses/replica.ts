import { on, type EventHandler, type Replica, type ReplicaContext } from '@smartcourse/platform';
import { keepFacts, keepStatus } from './store.js';

/** `course.published` and `course.updated` carry the course's facts; unpublish and archive only the status. */
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
  await keepStatus(trx, { courseId: event.courseId, instructorId: event.instructorId, status: 'status' in event ? event.status : 'published', at });
};

function keepCourseStatus(status: 'unpublished' | 'archived'): EventHandler<'course.unpublished' | 'course.archived', ReplicaContext> {
  return (event, { trx }) => keepStatus(trx, { courseId: event.courseId, instructorId: event.instructorId, status, at: new Date(event.occurredAt) });
}

/** Courses on sale: price, currency, instructor and status, from the course topics. */
export const courseReplica: Replica = {
  name: 'courses',
  description: "Courses' prices, instructors and status, from the course topics.",
  tables: [{ name: 'courses', key: ['id'] }],
  listeners: [
    on('course.published', keepCourseFacts),
    on('course.updated', keepCourseFacts),
    on('course.unpublished', keepCourseStatus('unpublished')),
    on('course.archived', keepCourseStatus('archived')),
  ],
};
