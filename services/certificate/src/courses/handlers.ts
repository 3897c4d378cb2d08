import type { CoursePublished, CourseUpdated } from '@smartcourse/contracts';
import type { IncomingMessage, Knex, Replica, Subscription } from '@smartcourse/platform';
import { keepCourse } from './store.js';

/** Titles and instructors of courses, from the events that carry a course's catalog facts. */
export function courseSubscriptions(db: Knex): Subscription[] {
  const handle = async (message: IncomingMessage) => {
    const event = message.value as unknown as CoursePublished | CourseUpdated;
    await keepCourse(db, { id: event.courseId, instructorId: event.instructorId, title: event.title, summary: event.summary, at: new Date(event.occurredAt) });
  };
  return [
    { topic: 'course.published', fromBeginning: true, handle },
    { topic: 'course.updated', fromBeginning: true, handle },
  ];
}

/** The course replica as `sc rebuild` knows it. */
export const courseReplica: Replica = {
  name: 'courses',
  description: "Courses' titles and instructors, from course.published and course.updated (the later fact wins).",
  tables: [{ name: 'courses', key: ['id'] }],
  subscriptions: courseSubscriptions,
};
