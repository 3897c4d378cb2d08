import {
  enrollmentIdOf,
  type CompleteLesson,
  type DropEnrollment,
  type Enroll,
  type RecordVisit,
  type ReinstateEnrollment,
  type SuspendEnrollment,
} from '@smartcourse/contracts';
import { commandHandler, reject, type Pipeline, type Knex } from '@smartcourse/platform';
import { findCourse, lessonInStructure } from '../courses/store.js';
import type { CourseReplica } from '../courses/rules.js';
import { lockCourseShared, lockEnrollmentKey } from '../locks.js';
import { enrollmentEvent } from './events.js';
import { catchUp } from './progress.js';
import {
  decideCompleteLesson,
  decideDrop,
  decideEnroll,
  decideReinstate,
  decideSuspend,
  decideVisit,
  statusOnReturn,
  type Enrollment,
  type LessonState,
  type Visit,
} from './rules.js';
import { findEnrollment, insertEnrollment, recordVisit, setStatus } from './store.js';

function present(enrollment: Enrollment | undefined, id: string): Enrollment {
  if (!enrollment) throw new Error(`a command was accepted for a missing enrollment ${id}`);
  return enrollment;
}

/** Locks in the one order every change takes: the course (shared), then the enrollment row. */
async function lockEnrollment(trx: Knex.Transaction, enrollmentId: string): Promise<Enrollment | undefined> {
  const seen = await findEnrollment(trx, enrollmentId);
  if (!seen) return undefined;
  await lockCourseShared(trx, seen.courseId);
  return findEnrollment(trx, enrollmentId, { forUpdate: true });
}

/**
 * Enroll: the enrollment id is derived from the student and the course, so a retry, a second
 * click and a re-enroll after a drop all name the same row. The grades recorded before the
 * enrollment existed count at once.
 */
export const enrollHandler = (pipeline: Pipeline) =>
  commandHandler<Enroll, { enrollment: Enrollment | undefined; course: CourseReplica | undefined }, 'create' | 'reactivate'>(pipeline, {
    commandType: 'Enroll',
    aggregateId: (command) => command.enrollmentId,
    async load(trx, command) {
      await lockCourseShared(trx, command.courseId);
      await lockEnrollmentKey(trx, command.enrollmentId);
      return { enrollment: await findEnrollment(trx, command.enrollmentId, { forUpdate: true }), course: await findCourse(trx, command.courseId) };
    },
    decide(state, command) {
      if (command.enrollmentId !== enrollmentIdOf(command.studentId, command.courseId)) {
        return reject('VALIDATION_ERROR', 'The enrollment id is not the one of this student and course.', [
          { field: 'enrollmentId', message: 'must be enrollmentIdOf(studentId, courseId)' },
        ]);
      }
      return decideEnroll(state ?? { enrollment: undefined, course: undefined }, command);
    },
    async apply(trx, { state, change, command, context }) {
      if (change === 'create') {
        const enrollment = await insertEnrollment(trx, { id: command.enrollmentId, studentId: command.studentId, courseId: command.courseId, at: new Date() });
        const created = enrollmentEvent(
          'enrollment.created',
          enrollment,
          enrollment.version,
          { enrolledAt: enrollment.enrolledAt.getTime(), source: 'self', orderId: null },
          context,
        );
        return [created, ...(await catchUp(trx, enrollment, context))];
      }
      // Enrolled by the student now, not by an order: a later refund of an earlier order ends nothing.
      const ended = present(state?.enrollment, command.enrollmentId);
      const enrollment = await setStatus(trx, ended, statusOnReturn(ended), { orderId: null });
      const reactivated = enrollmentEvent('enrollment.reactivated', enrollment, enrollment.version, {}, context);
      return [reactivated, ...(await catchUp(trx, enrollment, context))];
    },
  });

export const dropHandler = (pipeline: Pipeline) =>
  commandHandler<DropEnrollment, Enrollment, null>(pipeline, {
    commandType: 'DropEnrollment',
    aggregateId: (command) => command.enrollmentId,
    load: (trx, command) => lockEnrollment(trx, command.enrollmentId),
    decide: (enrollment, command) => decideDrop(enrollment, command.actor),
    async apply(trx, { state, command, context }) {
      const enrollment = await setStatus(trx, present(state, command.enrollmentId), 'dropped');
      return [enrollmentEvent('enrollment.dropped', enrollment, enrollment.version, { by: command.actor.userId }, context)];
    },
  });

export const suspendHandler = (pipeline: Pipeline) =>
  commandHandler<SuspendEnrollment, Enrollment, null>(pipeline, {
    commandType: 'SuspendEnrollment',
    aggregateId: (command) => command.enrollmentId,
    load: (trx, command) => lockEnrollment(trx, command.enrollmentId),
    decide: (enrollment, command) => decideSuspend(enrollment, command.actor),
    async apply(trx, { state, command, context }) {
      const enrollment = await setStatus(trx, present(state, command.enrollmentId), 'suspended');
      return [enrollmentEvent('enrollment.suspended', enrollment, enrollment.version, { by: command.actor.userId, reason: command.reason ?? null }, context)];
    },
  });

/** Reinstating applies what happened meanwhile (a new structure, a quiz passed), which may complete the course. */
export const reinstateHandler = (pipeline: Pipeline) =>
  commandHandler<ReinstateEnrollment, Enrollment, null>(pipeline, {
    commandType: 'ReinstateEnrollment',
    aggregateId: (command) => command.enrollmentId,
    load: (trx, command) => lockEnrollment(trx, command.enrollmentId),
    decide: (enrollment, command) => decideReinstate(enrollment, command.actor),
    async apply(trx, { state, command, context }) {
      const enrollment = await setStatus(trx, present(state, command.enrollmentId), 'active');
      const reinstated = enrollmentEvent(
        'enrollment.reinstated',
        enrollment,
        enrollment.version,
        { by: command.actor.userId, reason: command.reason ?? null },
        context,
      );
      return [reinstated, ...(await catchUp(trx, enrollment, context))];
    },
  });

/** The lesson in its course's current structure and the student's enrollment there, locked. */
async function loadLesson(trx: Knex.Transaction, command: { studentId: string; lessonId: string }): Promise<LessonState> {
  const seen = await lessonInStructure(trx, command.lessonId);
  if (!seen) return { lesson: undefined, enrollment: undefined };
  await lockCourseShared(trx, seen.courseId);
  // Read again under the lock: a structure change may have committed while this waited.
  const found = await lessonInStructure(trx, command.lessonId);
  if (!found) return { lesson: undefined, enrollment: undefined };
  return { lesson: found.lesson, enrollment: await findEnrollment(trx, enrollmentIdOf(command.studentId, found.courseId), { forUpdate: true }) };
}

/*
 * Lesson commands name a lesson, not an enrollment: the pipeline takes the aggregate id from the
 * command before anything is loaded, so their results carry the student id. The gateway reads
 * the enrollment back with the lesson progress endpoint (`LessonProgressEndpoint` in contracts).
 */
export const completeLessonHandler = (pipeline: Pipeline) =>
  commandHandler<CompleteLesson, LessonState, string>(pipeline, {
    commandType: 'CompleteLesson',
    aggregateId: (command) => command.studentId,
    load: loadLesson,
    decide: (state, command) => decideCompleteLesson(state ?? { lesson: undefined, enrollment: undefined }, command),
    async apply(trx, { state, change, command, context }) {
      const enrollment = present(state?.enrollment, command.lessonId);
      return catchUp(trx, enrollment, context, [change]);
    },
  });

export const recordVisitHandler = (pipeline: Pipeline) =>
  commandHandler<RecordVisit, LessonState, Visit>(pipeline, {
    commandType: 'RecordVisit',
    aggregateId: (command) => command.studentId,
    load: loadLesson,
    // The service's clock measures the time since the previous visit, not the sender's.
    decide: (state, command) => decideVisit(state ?? { lesson: undefined, enrollment: undefined }, command, new Date()),
    async apply(trx, { state, change, command }) {
      await recordVisit(trx, present(state?.enrollment, command.lessonId).id, change);
      return [];
    },
  });
