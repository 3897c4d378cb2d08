import type { DocumentContext, EventHandler } from '@smartcourse/platform';
import { keepTitle, type CourseModel } from './store.js';

/** Course titles and instructors, from the events that carry a course's catalog facts (the later fact wins). */
export const keepCourseTitle =
  (model: CourseModel): EventHandler<'course.published' | 'course.updated', DocumentContext> =>
  (event) =>
    keepTitle(model, { courseId: event.courseId, title: event.title, instructorId: event.instructorId, at: new Date(event.occurredAt) });
