import type { Response } from 'express';
import {
  CourseParams,
  CourseRosterEndpoint,
  EnrollRequest,
  Enrollment,
  EnrollmentEndpoint,
  EnrollmentList,
  EnrollmentListQuery,
  EnrollmentParams,
  EnrollmentProgressEndpoint,
  EnrollmentReasonRequest,
  LessonParams,
  LessonProgressEndpoint,
  MyEnrollmentsEndpoint,
  Progress,
  Roster,
  VisitRequest,
  enrollmentIdOf,
  type CommandStatus,
} from '@smartcourse/contracts';
import { actorOf } from '../../auth/middleware.js';
import type { CommandBus } from '../../commands/bus.js';
import { respondToCommand } from '../../commands/respond.js';
import { sendCommand } from '../../commands/send.js';
import type { InternalClient } from '../../internal-client.js';
import { forward } from '../../relay.js';
import { route, type ErrorSpec, type RouteSpec } from '../../routing/spec.js';
import { commandResponses } from '../../commands/responses.js';
import { gradebookRoutes } from './gradebook.js';

const notFound: ErrorSpec = { code: 'ENROLLMENT_NOT_FOUND' };
const notActive: ErrorSpec = { code: 'ENROLLMENT_NOT_ACTIVE' };

/** Enrollments and progress: reads are queries to enrollment-progress, changes commands on `enrollment.commands`. */
export function enrollmentServiceRoutes(deps: { enrollments: InternalClient; bus: CommandBus }): RouteSpec[] {
  const answerEnrollment = (res: Response, status: CommandStatus, enrollmentId: string, answer: { status?: number } = {}) =>
    respondToCommand(res, status, () => forward(res, deps.enrollments, EnrollmentEndpoint, { params: { enrollmentId } }, answer));
  /** A lesson's progress change answers the progress of the caller's enrollment in that lesson's course. */
  const answerProgress = (res: Response, status: CommandStatus, lessonId: string) =>
    respondToCommand(res, status, () => forward(res, deps.enrollments, LessonProgressEndpoint, { params: { lessonId } }));
  const change = (
    action: 'suspend' | 'reinstate',
    record: 'smartcourse.commands.enrollment.SuspendEnrollment' | 'smartcourse.commands.enrollment.ReinstateEnrollment',
    summary: string,
  ): RouteSpec =>
    route({
      method: 'post',
      path: `/api/enrollments/:enrollmentId/${action}`,
      summary,
      tag: 'enrollments',
      access: ['admin'],
      command: true,
      request: { params: EnrollmentParams, body: EnrollmentReasonRequest },
      responses: commandResponses(200, 'The enrollment after the change', Enrollment),
      errors: [notFound, notActive],
      async handler({ params: { enrollmentId }, body }, res) {
        const status = await sendCommand(deps.bus, res, record, 'enrollmentId', { enrollmentId, reason: body.reason ?? null });
        await answerEnrollment(res, status, enrollmentId);
      },
    });

  return [
    route({
      method: 'post',
      path: '/api/enrollments',
      summary: 'Enroll in a published course (free courses; a dropped enrollment is reactivated with its progress)',
      tag: 'enrollments',
      access: ['student'],
      command: true,
      request: { body: EnrollRequest },
      responses: commandResponses(201, 'The enrollment', Enrollment),
      errors: [{ code: 'COURSE_NOT_FOUND', description: 'No such published course.' }, { code: 'ALREADY_ENROLLED' }, { code: 'PAYMENT_REQUIRED' }],
      async handler({ body: { courseId } }, res) {
        const studentId = actorOf(res).userId;
        // One id per student and course: a retry, or a re-enrollment after a drop, names the same enrollment.
        const enrollmentId = enrollmentIdOf(studentId, courseId);
        const status = await sendCommand(deps.bus, res, 'smartcourse.commands.enrollment.Enroll', 'enrollmentId', { enrollmentId, studentId, courseId });
        await answerEnrollment(res, status, enrollmentId, { status: 201 });
      },
    }),
    route({
      method: 'get',
      path: '/api/enrollments/mine',
      summary: 'My enrollments with their progress and course titles',
      tag: 'enrollments',
      access: ['student'],
      request: { query: EnrollmentListQuery },
      responses: { 200: { description: 'One page of my enrollments, newest first', body: EnrollmentList } },
      handler: ({ query }, res) => forward(res, deps.enrollments, MyEnrollmentsEndpoint, { query }),
    }),
    route({
      method: 'get',
      path: '/api/enrollments/:enrollmentId',
      summary: "One enrollment (its student, the course's instructor, admins)",
      tag: 'enrollments',
      access: 'authenticated',
      request: { params: EnrollmentParams },
      responses: { 200: { description: 'The enrollment', body: Enrollment } },
      errors: [notFound],
      handler: ({ params }, res) => forward(res, deps.enrollments, EnrollmentEndpoint, { params }),
    }),
    route({
      method: 'get',
      path: '/api/enrollments/:enrollmentId/progress',
      summary: "An enrollment's progress: percent, completed lessons, quiz grades, time spent",
      tag: 'enrollments',
      access: 'authenticated',
      request: { params: EnrollmentParams },
      responses: { 200: { description: 'The progress', body: Progress } },
      errors: [notFound],
      handler: ({ params }, res) => forward(res, deps.enrollments, EnrollmentProgressEndpoint, { params }),
    }),
    route({
      method: 'delete',
      path: '/api/enrollments/:enrollmentId',
      summary: 'Drop an enrollment (its progress is kept for a later re-enrollment)',
      tag: 'enrollments',
      access: ['student', 'admin'],
      command: true,
      request: { params: EnrollmentParams },
      responses: commandResponses(200, 'The dropped enrollment', Enrollment),
      errors: [notFound, notActive],
      async handler({ params: { enrollmentId } }, res) {
        const status = await sendCommand(deps.bus, res, 'smartcourse.commands.enrollment.DropEnrollment', 'enrollmentId', { enrollmentId });
        await answerEnrollment(res, status, enrollmentId);
      },
    }),
    change('suspend', 'smartcourse.commands.enrollment.SuspendEnrollment', 'Suspend an enrollment (admin)'),
    change('reinstate', 'smartcourse.commands.enrollment.ReinstateEnrollment', 'Reinstate a suspended enrollment (admin)'),
    route({
      method: 'post',
      path: '/api/lessons/:lessonId/complete',
      summary: 'Mark a lesson done (idempotent; a quiz lesson completes only when its quiz is passed)',
      tag: 'enrollments',
      access: ['student'],
      command: true,
      request: { params: LessonParams },
      responses: commandResponses(200, 'The progress of the enrollment', Progress),
      errors: [{ code: 'LESSON_NOT_FOUND' }, { code: 'NOT_ENROLLED' }, notActive, { code: 'QUIZ_LESSON_NEEDS_PASS' }, { code: 'ASSIGNMENT_LESSON_NEEDS_PASS' }],
      async handler({ params: { lessonId } }, res) {
        const status = await sendCommand(deps.bus, res, 'smartcourse.commands.enrollment.CompleteLesson', 'studentId', {
          studentId: actorOf(res).userId,
          lessonId,
        });
        await answerProgress(res, status, lessonId);
      },
    }),
    route({
      method: 'post',
      path: '/api/lessons/:lessonId/visit',
      summary: 'Record a visit of a lesson: current lesson, last access, time spent',
      tag: 'enrollments',
      access: ['student'],
      command: true,
      request: { params: LessonParams, body: VisitRequest },
      responses: commandResponses(200, 'The progress of the enrollment', Progress),
      errors: [{ code: 'LESSON_NOT_FOUND' }, { code: 'NOT_ENROLLED' }, notActive],
      async handler({ params: { lessonId }, body }, res) {
        const status = await sendCommand(deps.bus, res, 'smartcourse.commands.enrollment.RecordVisit', 'studentId', {
          studentId: actorOf(res).userId,
          lessonId,
          secondsSpent: body.secondsSpent,
        });
        await answerProgress(res, status, lessonId);
      },
    }),
    route({
      method: 'get',
      path: '/api/courses/:courseId/enrollments',
      summary: "A course's roster with progress (its instructor, admins)",
      tag: 'enrollments',
      access: ['instructor', 'admin'],
      request: { params: CourseParams, query: EnrollmentListQuery },
      responses: { 200: { description: 'One page of the roster', body: Roster } },
      errors: [{ code: 'COURSE_NOT_FOUND' }],
      handler: ({ params, query }, res) => forward(res, deps.enrollments, CourseRosterEndpoint, { params, query }),
    }),
    ...gradebookRoutes(deps),
  ];
}
