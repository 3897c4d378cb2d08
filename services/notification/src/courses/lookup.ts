import { titleOf, type CourseModel } from './store.js';

/** The course titles, for the notification features. */
export const courseTitle = (model: CourseModel, courseId: string) => titleOf(model, courseId);
export type { CourseModel } from './store.js';
