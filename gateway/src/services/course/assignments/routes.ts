import {
  Assignment,
  AssignmentEndpoint,
  AssignmentParams,
  AssignmentRequest,
  GradeRequest,
  GradeSubmissionEndpoint,
  LessonParams,
  SetAssignmentEndpoint,
  Submission,
  SubmissionList,
  SubmissionListQuery,
  SubmissionParams,
  SubmissionRequest,
  SubmissionsEndpoint,
  SubmitWorkEndpoint,
} from '@smartcourse/contracts';
import type { InternalClient } from '../../../internal-client.js';
import { forward } from '../../../relay.js';
import { route, type ErrorSpec, type RouteSpec } from '../../../routing/spec.js';
import { checkFileReferences } from '../../media/usable-files.js';

const lessonNotFound: ErrorSpec = { code: 'LESSON_NOT_FOUND' };
const assignmentNotFound: ErrorSpec = { code: 'ASSIGNMENT_NOT_FOUND' };
const enrollmentRequired: ErrorSpec = { code: 'ENROLLMENT_REQUIRED' };

/**
 * Assignments, submissions and grades: synchronous calls to the course service's internal API,
 * never commands on Kafka, because a submission carries a student's work and a grade an
 * instructor's feedback. The writes honour `Idempotency-Key` (the gateway replays the first answer).
 */
export function assignmentRoutes(deps: { courses: InternalClient; media: InternalClient }): RouteSpec[] {
  return [
    route({
      method: 'put',
      path: '/api/lessons/:lessonId/assignment',
      summary: 'Set the assignment of an assignment lesson (replaces it whole)',
      tag: 'assignments',
      access: ['instructor', 'admin'],
      command: true,
      request: { params: LessonParams, body: AssignmentRequest },
      responses: { 200: { description: 'The assignment; its `id` is the assignmentId of the submission routes', body: Assignment } },
      errors: [
        {
          code: 'VALIDATION_ERROR',
          description: 'The shape, or fields that disagree: a late limit without a due date or before it, a file required with `maxFiles` 0.',
        },
        lessonNotFound,
        { code: 'NOT_AN_ASSIGNMENT_LESSON' },
        { code: 'COURSE_ARCHIVED' },
      ],
      handler: ({ params, body }, res) => forward(res, deps.courses, SetAssignmentEndpoint, { params, body }),
    }),
    route({
      method: 'get',
      path: '/api/lessons/:lessonId/assignment',
      summary: 'Read the assignment of a lesson (its owner, admins, enrolled students)',
      tag: 'assignments',
      access: 'authenticated',
      request: { params: LessonParams },
      responses: { 200: { description: 'The assignment', body: Assignment } },
      errors: [lessonNotFound, { code: 'ASSIGNMENT_NOT_FOUND', description: 'The lesson has no assignment yet.' }, enrollmentRequired],
      handler: ({ params }, res) => forward(res, deps.courses, AssignmentEndpoint, { params }),
    }),
    route({
      method: 'post',
      path: '/api/assignments/:assignmentId/submissions',
      summary: 'Hand in my work: a new version while resubmission is allowed and the latest is not graded',
      tag: 'assignments',
      access: 'authenticated',
      command: true,
      request: { params: AssignmentParams, body: SubmissionRequest },
      responses: { 201: { description: 'The submission; `late` when handed in after the due date', body: Submission } },
      errors: [
        { code: 'VALIDATION_ERROR', description: 'Neither text nor a file, a file id that is not a UUID, or one named twice.' },
        assignmentNotFound,
        enrollmentRequired,
        { code: 'ENROLLMENT_SUSPENDED' },
        { code: 'SUBMISSION_CLOSED', description: 'After `lateUntil`, or after `dueAt` when there is no late limit (`details.closedAt`).' },
        { code: 'RESUBMISSION_NOT_ALLOWED' },
        { code: 'FILE_REQUIRED' },
        { code: 'TOO_MANY_FILES' },
        { code: 'FILE_NOT_USABLE' },
      ],
      async handler({ params, body }, res) {
        if (!(await checkFileReferences(deps.media, res, [{ field: 'fileIds', ids: body.fileIds, purpose: 'submission' }]))) return;
        await forward(res, deps.courses, SubmitWorkEndpoint, { params, body }, { status: 201 });
      },
    }),
    route({
      method: 'get',
      path: '/api/assignments/:assignmentId/submissions',
      summary: "Submissions with their grades: each student's latest version for the owner and admins; every version of my own for a student",
      tag: 'assignments',
      access: 'authenticated',
      request: { params: AssignmentParams, query: SubmissionListQuery },
      responses: { 200: { description: 'Submissions, the latest first, each with `grades` (oldest first) and `grade` (the latest)', body: SubmissionList } },
      errors: [assignmentNotFound, enrollmentRequired],
      handler: ({ params, query }, res) => forward(res, deps.courses, SubmissionsEndpoint, { params, query }),
    }),
    route({
      method: 'post',
      path: '/api/submissions/:submissionId/grade',
      summary: "Grade (or regrade) a student's latest version: the late penalty applied and shown, earlier grades kept",
      tag: 'assignments',
      access: ['instructor', 'admin'],
      command: true,
      request: { params: SubmissionParams, body: GradeRequest },
      responses: { 200: { description: 'The submission with the new grade as `grade` and every grade in `grades`', body: Submission } },
      errors: [{ code: 'SUBMISSION_NOT_FOUND' }, { code: 'SCORE_ABOVE_MAXIMUM' }, { code: 'SUBMISSION_SUPERSEDED' }],
      handler: ({ params, body }, res) => forward(res, deps.courses, GradeSubmissionEndpoint, { params, body }),
    }),
  ];
}
