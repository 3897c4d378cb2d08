import { CourseParams, LessonParams } from '../http/courses.js';
import { Enrollment, EnrollmentList, EnrollmentListQuery, EnrollmentParams, Progress, Roster } from '../http/enrollments.js';
import { EnrollmentGrades, Gradebook, GradebookQuery } from '../http/gradebook.js';
import { internalEndpoint } from './endpoint.js';

/** The enrollment-progress service's internal API: reads for the gateway (every change is a command). */

export const MyEnrollmentsEndpoint = internalEndpoint({
  method: 'get',
  path: '/internal/enrollments/mine',
  query: EnrollmentListQuery,
  response: EnrollmentList,
});

export const EnrollmentEndpoint = internalEndpoint({
  method: 'get',
  path: '/internal/enrollments/:enrollmentId',
  params: EnrollmentParams,
  response: Enrollment,
});

export const EnrollmentProgressEndpoint = internalEndpoint({
  method: 'get',
  path: '/internal/enrollments/:enrollmentId/progress',
  params: EnrollmentParams,
  response: Progress,
});

/**
 * The caller's progress in the course of a lesson: what a lesson command leads to (its result
 * names the student, and only the structure knows the lesson's course).
 */
export const LessonProgressEndpoint = internalEndpoint({
  method: 'get',
  path: '/internal/lessons/:lessonId/progress',
  params: LessonParams,
  response: Progress,
});

export const CourseRosterEndpoint = internalEndpoint({
  method: 'get',
  path: '/internal/courses/:courseId/enrollments',
  params: CourseParams,
  query: EnrollmentListQuery,
  response: Roster,
});

/** One page of the course's gradebook (its instructor, admins). */
export const CourseGradebookEndpoint = internalEndpoint({
  method: 'get',
  path: '/internal/courses/:courseId/gradebook',
  params: CourseParams,
  query: GradebookQuery,
  response: Gradebook,
});

/** The whole gradebook as a CSV file (`text/csv`), written page by page. */
export const CourseGradebookCsvEndpoint = internalEndpoint({ method: 'get', path: '/internal/courses/:courseId/gradebook/csv', params: CourseParams });

/** One enrollment's row of the gradebook (its student, the course's instructor, admins). */
export const EnrollmentGradesEndpoint = internalEndpoint({
  method: 'get',
  path: '/internal/enrollments/:enrollmentId/grades',
  params: EnrollmentParams,
  response: EnrollmentGrades,
});
