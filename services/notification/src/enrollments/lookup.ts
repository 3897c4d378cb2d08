import { studentsOf, type EnrollmentModel } from './store.js';

/** The enrollments replica, for the notification features. */
export const studentsOfCourse = (model: EnrollmentModel, courseId: string) => studentsOf(model, courseId);
export type { EnrollmentModel } from './store.js';
