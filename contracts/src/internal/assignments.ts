import {
  Assignment,
  AssignmentParams,
  AssignmentRequest,
  GradeRequest,
  Submission,
  SubmissionList,
  SubmissionListQuery,
  SubmissionParams,
  SubmissionRequest,
} from '../http/assignments.js';
import { LessonParams } from '../http/courses.js';
import { internalEndpoint } from './endpoint.js';

/**
 * The course service's assignment endpoints: synchronous calls, like quizzes, so a student's work
 * and an instructor's feedback never travel on Kafka (the events carry ids and scores only).
 */

/** Sets the assignment of an assignment lesson whole; the service checks the rules between fields. */
export const SetAssignmentEndpoint = internalEndpoint({
  method: 'put',
  path: '/internal/lessons/:lessonId/assignment',
  params: LessonParams,
  body: AssignmentRequest,
  response: Assignment,
});

export const AssignmentEndpoint = internalEndpoint({
  method: 'get',
  path: '/internal/lessons/:lessonId/assignment',
  params: LessonParams,
  response: Assignment,
});

export const SubmitWorkEndpoint = internalEndpoint({
  method: 'post',
  path: '/internal/assignments/:assignmentId/submissions',
  params: AssignmentParams,
  body: SubmissionRequest,
  response: Submission,
});

export const SubmissionsEndpoint = internalEndpoint({
  method: 'get',
  path: '/internal/assignments/:assignmentId/submissions',
  params: AssignmentParams,
  query: SubmissionListQuery,
  response: SubmissionList,
});

export const GradeSubmissionEndpoint = internalEndpoint({
  method: 'post',
  path: '/internal/submissions/:submissionId/grade',
  params: SubmissionParams,
  body: GradeRequest,
  response: Submission,
});
