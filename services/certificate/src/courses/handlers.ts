import { on, type EventHandler, type Replica, type ReplicaContext } from '@smartcourse/platform';
import { keepCourse } from './store.js';

/** Titles and instructors of courses, from the events that carry a course's catalog facts. */
const keepFacts: EventHandler<'course.published' | 'course.updated', ReplicaContext> = (event, { trx }) =>
  keepCourse(trx, { id: event.courseId, instructorId: event.instructorId, title: event.title, summary: event.summary, at: new Date(event.occurredAt) });

/** The course replica, declared once for the live service and `sc rebuild`. */
export const courseReplica: Replica = {
  name: 'courses',
  description: "Courses' titles and instructors, from course.published and course.updated (the later fact wins).",
  tables: [{ name: 'courses', key: ['id'] }],
  listeners: [on('course.published', keepFacts), on('course.updated', keepFacts)],
};
