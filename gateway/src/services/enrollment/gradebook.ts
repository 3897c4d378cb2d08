import {
  CourseGradebookCsvEndpoint,
  CourseGradebookEndpoint,
  CourseParams,
  EnrollmentGrades,
  EnrollmentGradesEndpoint,
  EnrollmentParams,
  Gradebook,
  GradebookQuery,
} from '@smartcourse/contracts';
import type { InternalClient } from '../../internal-client.js';
import { forward } from '../../relay.js';
import { route, type RouteSpec } from '../../routing/spec.js';

const CSV = 'text/csv';

/** The gradebook, answered by enrollment-progress from its replica of the grade events. */
export function gradebookRoutes(deps: { enrollments: InternalClient }): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/courses/:courseId/gradebook',
      summary:
        "A course's gradebook (its instructor, admins; another instructor gets 403): one row per student (active, completed, suspended) with each quiz and assignment grade, the course score and the progress. `Accept: text/csv` answers the whole course as a CSV file (page and per_page are ignored)",
      tag: 'enrollments',
      access: ['instructor', 'admin'],
      request: { params: CourseParams, query: GradebookQuery },
      responses: {
        200: {
          description:
            'One page of the gradebook, oldest enrollment first, its columns listed once; or, for `Accept: text/csv`, the CSV file (RFC 4180, a header record, one record per student) as an attachment',
          body: Gradebook,
          mediaType: CSV,
          headers: { 'Content-Disposition': 'For the CSV file: `attachment; filename="gradebook-{courseId}.csv"`' },
        },
      },
      errors: [{ code: 'COURSE_NOT_FOUND' }],
      handler: ({ params, query }, res, req) =>
        req.accepts(['application/json', CSV]) === CSV
          ? forward(res, deps.enrollments, CourseGradebookCsvEndpoint, { params })
          : forward(res, deps.enrollments, CourseGradebookEndpoint, { params, query }),
    }),
    route({
      method: 'get',
      path: '/api/enrollments/:enrollmentId/grades',
      summary: "A student's row of the gradebook (the student, the course's instructor, admins); the feedback is on the submissions, not here",
      tag: 'enrollments',
      access: 'authenticated',
      request: { params: EnrollmentParams },
      responses: { 200: { description: 'The columns of the course and the enrollment row', body: EnrollmentGrades } },
      errors: [{ code: 'ENROLLMENT_NOT_FOUND' }],
      handler: ({ params }, res) => forward(res, deps.enrollments, EnrollmentGradesEndpoint, { params }),
    }),
  ];
}
