import type { Response } from 'express';
import {
  AttemptList,
  AttemptListQuery,
  AttemptParams,
  GradedAttempt,
  LessonParams,
  Quiz,
  QuizParams,
  QuizRequest,
  StartedAttempt,
  StudentQuiz,
  SubmitAttemptRequest,
  type StartAttemptCall,
} from '@smartcourse/contracts';
import { requestContext } from '@smartcourse/platform';
import { z } from 'zod';
import { actorOf } from '../../../auth/middleware.js';
import { commandIdOf } from '../../../edge/idempotency.js';
import type { InternalClient } from '../../../internal-client.js';
import { relay } from '../../../relay.js';
import { inputOf, type ErrorSpec, type RouteSpec } from '../../../routing/spec.js';
import { searchOf } from '../../../routing/search.js';

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
  const callCourses = async (res: Response, path: string, options: { method?: string; body?: unknown } = {}) =>
    relay(res, await deps.courses.callPath(path, { ...options, actor: actorOf(res), correlationId: requestContext(res).correlationId }));

  return [
    {
      method: 'put',
      path: '/api/lessons/:lessonId/quiz',
      summary: 'Set the quiz of a quiz lesson (replaces it whole)',
      tag: 'quizzes',
      access: ['instructor', 'admin'],
      command: true,
      request: { params: LessonParams, body: QuizRequest },
      responses: { 200: { description: 'The quiz with its keys; attempts already made keep the questions they showed', body: Quiz } },
      errors: [
        { code: 'VALIDATION_ERROR', description: 'The shape, or a key that does not fit its question (no correct option, an unknown option id, a true/false without two options, …).' },
        lessonNotFound,
        { code: 'NOT_A_QUIZ_LESSON' },
        { code: 'COURSE_ARCHIVED' },
      ],
      handler: (_req, res) =>
        callCourses(res, `/internal/lessons/${inputOf<unknown, unknown, LessonParams>(res).params.lessonId}/quiz`, { method: 'PUT', body: inputOf<QuizRequest>(res).body }),
    },
    {
      method: 'get',
      path: '/api/lessons/:lessonId/quiz',
      summary: 'Read the quiz of a lesson: with keys for its owner and admins, without them for enrolled students',
      tag: 'quizzes',
      access: 'authenticated',
      request: { params: LessonParams },
      responses: { 200: { description: 'The quiz (Quiz for the owner and admins, StudentQuiz for a student)', body: z.union([Quiz, StudentQuiz]) } },
      errors: [lessonNotFound, quizNotFound, enrollmentRequired],
      handler: (_req, res) => callCourses(res, `/internal/lessons/${inputOf<unknown, unknown, LessonParams>(res).params.lessonId}/quiz`),
    },
    {
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
        { code: 'ATTEMPT_IN_PROGRESS', description: 'An attempt is open (`details.attemptId`); one past its deadline and grace is closed as expired instead, and counts.' },
      ],
      handler: (_req, res) =>
        callCourses(res, `/internal/quizzes/${inputOf<unknown, unknown, QuizParams>(res).params.quizId}/attempts`, {
          method: 'POST',
          body: { attemptId: commandIdOf(res) } satisfies StartAttemptCall,
        }),
    },
    {
      method: 'post',
      path: '/api/quizzes/:quizId/attempts/:attemptId/submit',
      summary: 'Submit my attempt, once, before its deadline and grace (the server clock decides)',
      tag: 'quizzes',
      access: 'authenticated',
      command: true,
      request: { params: AttemptParams, body: SubmitAttemptRequest },
      responses: { 200: { description: 'The grade of the attempt and my grade for the quiz', body: GradedAttempt } },
      errors: [
        { code: 'VALIDATION_ERROR', description: 'An answer names a question or option this attempt did not show, or does not fit its kind; the attempt stays open.' },
        { code: 'ATTEMPT_NOT_FOUND' },
        { code: 'ENROLLMENT_REQUIRED', description: 'The enrollment was dropped since the attempt started.' },
        enrollmentSuspended,
        { code: 'ATTEMPT_ALREADY_SUBMITTED' },
        { code: 'ATTEMPT_EXPIRED' },
      ],
      handler(_req, res) {
        const { quizId, attemptId } = inputOf<unknown, unknown, AttemptParams>(res).params;
        return callCourses(res, `/internal/quizzes/${quizId}/attempts/${attemptId}/submit`, { method: 'POST', body: inputOf<SubmitAttemptRequest>(res).body });
      },
    },
    {
      method: 'get',
      path: '/api/quizzes/:quizId/attempts',
      summary: "Attempts with scores: a student's own; everyone's for the course's owner and admins",
      tag: 'quizzes',
      access: 'authenticated',
      request: { params: QuizParams, query: AttemptListQuery },
      responses: { 200: { description: 'Attempts, newest first (no questions, no answers)', body: AttemptList } },
      errors: [quizNotFound, enrollmentRequired],
      handler(_req, res) {
        const { params, query } = inputOf<unknown, AttemptListQuery, QuizParams>(res);
        return callCourses(res, `/internal/quizzes/${params.quizId}/attempts${searchOf(query)}`);
      },
    },
  ];
}
