import {
  AttemptList,
  AttemptListQuery,
  AttemptParams,
  AttemptsEndpoint,
  GradedAttempt,
  LessonParams,
  Quiz,
  QuizEndpoint,
  QuizParams,
  QuizRequest,
  SetQuizEndpoint,
  StartAttemptEndpoint,
  StartedAttempt,
  StudentQuiz,
  SubmitAttemptEndpoint,
  SubmitAttemptRequest,
} from '@smartcourse/contracts';
import { z } from 'zod';
import { commandIdOf } from '../../../edge/idempotency.js';
import type { InternalClient } from '../../../internal-client.js';
import { forward } from '../../../relay.js';
import { route, type ErrorSpec, type RouteSpec } from '../../../routing/spec.js';

const lessonNotFound: ErrorSpec = { code: 'LESSON_NOT_FOUND' };
const quizNotFound: ErrorSpec = { code: 'QUIZ_NOT_FOUND' };
const enrollmentRequired: ErrorSpec = { code: 'ENROLLMENT_REQUIRED' };
const enrollmentSuspended: ErrorSpec = { code: 'ENROLLMENT_SUSPENDED' };

/**
 * Quizzes and attempts: synchronous calls to the course service's internal API, never commands
 * on Kafka, because a quiz carries its answer keys and a submit carries a student's answers.
 * The writes still honour `Idempotency-Key` (the gateway replays the first answer); a start also
 * passes the request's command id as the attempt id, so a retry after the gateway lost its record
 * finds the attempt it started.
 */
export function quizRoutes(deps: { courses: InternalClient }): RouteSpec[] {
  return [
    route({
      method: 'put',
      path: '/api/lessons/:lessonId/quiz',
      summary: 'Set the quiz of a quiz lesson (replaces it whole)',
      tag: 'quizzes',
      access: ['instructor', 'admin'],
      command: true,
      request: { params: LessonParams, body: QuizRequest },
      responses: { 200: { description: 'The quiz with its keys; attempts already made keep the questions they showed', body: Quiz } },
      errors: [
        {
          code: 'VALIDATION_ERROR',
          description: 'The shape, or a key that does not fit its question (no correct option, an unknown option id, a true/false without two options, …).',
        },
        lessonNotFound,
        { code: 'NOT_A_QUIZ_LESSON' },
        { code: 'COURSE_ARCHIVED' },
      ],
      handler: ({ params, body }, res) => forward(res, deps.courses, SetQuizEndpoint, { params, body }),
    }),
    route({
      method: 'get',
      path: '/api/lessons/:lessonId/quiz',
      summary: 'Read the quiz of a lesson: with keys for its owner and admins, without them for enrolled students',
      tag: 'quizzes',
      access: 'authenticated',
      request: { params: LessonParams },
      responses: { 200: { description: 'The quiz (Quiz for the owner and admins, StudentQuiz for a student)', body: z.union([Quiz, StudentQuiz]) } },
      errors: [lessonNotFound, quizNotFound, enrollmentRequired],
      handler: ({ params }, res) => forward(res, deps.courses, QuizEndpoint, { params }),
    }),
    route({
      method: 'post',
      path: '/api/quizzes/:quizId/attempts',
      summary: 'Start an attempt (questions shuffled per attempt when the quiz says so; no keys)',
      tag: 'quizzes',
      access: 'authenticated',
      command: true,
      request: { params: QuizParams },
      responses: { 201: { description: 'The attempt with the questions to answer; options carry ids of this attempt', body: StartedAttempt } },
      errors: [
        quizNotFound,
        enrollmentRequired,
        enrollmentSuspended,
        { code: 'MAX_ATTEMPTS_REACHED' },
        {
          code: 'ATTEMPT_IN_PROGRESS',
          description: 'An attempt is open (`details.attemptId`); one past its deadline and grace is closed as expired instead, and counts.',
        },
      ],
      handler: ({ params }, res) => forward(res, deps.courses, StartAttemptEndpoint, { params, body: { attemptId: commandIdOf(res) } }),
    }),
    route({
      method: 'post',
      path: '/api/quizzes/:quizId/attempts/:attemptId/submit',
      summary: 'Submit my attempt, once, before its deadline and grace (the server clock decides)',
      tag: 'quizzes',
      access: 'authenticated',
      command: true,
      request: { params: AttemptParams, body: SubmitAttemptRequest },
      responses: { 200: { description: 'The grade of the attempt and my grade for the quiz', body: GradedAttempt } },
      errors: [
        {
          code: 'VALIDATION_ERROR',
          description: 'An answer names a question or option this attempt did not show, or does not fit its kind; the attempt stays open.',
        },
        { code: 'ATTEMPT_NOT_FOUND' },
        { code: 'ENROLLMENT_REQUIRED', description: 'The enrollment was dropped since the attempt started.' },
        enrollmentSuspended,
        { code: 'ATTEMPT_ALREADY_SUBMITTED' },
        { code: 'ATTEMPT_EXPIRED' },
      ],
      handler: ({ params, body }, res) => forward(res, deps.courses, SubmitAttemptEndpoint, { params, body }),
    }),
    route({
      method: 'get',
      path: '/api/quizzes/:quizId/attempts',
      summary: "Attempts with scores: a student's own; everyone's for the course's owner and admins",
      tag: 'quizzes',
      access: 'authenticated',
      request: { params: QuizParams, query: AttemptListQuery },
      responses: { 200: { description: 'Attempts, newest first (no questions, no answers)', body: AttemptList } },
      errors: [quizNotFound, enrollmentRequired],
      handler: ({ params, query }, res) => forward(res, deps.courses, AttemptsEndpoint, { params, query }),
    }),
  ];
}
