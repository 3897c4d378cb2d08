import { randomUUID } from 'node:crypto';
import type { SubmissionRequest } from '@smartcourse/contracts';
import {
  AppError,
  eventRecord,
  inTransaction,
  notFound,
  validationError,
  type Actor,
  type MessageContext,
  type Rejection,
  type Writer,
} from '@smartcourse/platform';
import { findAssignment } from '../assignments/store.js';
import { outsiderRefusal, roleInCourse } from '../courses/access.js';
import { attemptRefusal } from '../enrollments/rules.js';
import { statusOf } from '../enrollments/store.js';
import { decideSubmit, type Submission } from './rules.js';
import { insertSubmission, lockStudentWork, submissionsOf } from './store.js';

export const assignmentNotFound = () => notFound('ASSIGNMENT_NOT_FOUND', 'No such assignment.');

export const refusalError = (rejection: Rejection) => new AppError({ code: rejection.code, message: rejection.message, details: rejection.details });

/**
 * Hands in a version of a student's work while their enrollment is active or completed (a
 * suspended one is refused with ENROLLMENT_SUSPENDED), by the rules of `decideSubmit`, and
 * announces `assignment.submitted` (ids, version and lateness: never the work) in the same
 * transaction. The file ids are taken as given: the gateway checks them with the media service.
 */
export async function submitWork(deps: Writer, assignmentId: string, work: SubmissionRequest, actor: Actor, context: MessageContext): Promise<Submission> {
  const found = await findAssignment(deps.db, assignmentId);
  if (!found) throw assignmentNotFound();
  const role = await roleInCourse(deps.db, found.courseId, actor);
  if (role.kind !== 'student') {
    const outsider = outsiderRefusal(role.course, actor, 'ASSIGNMENT_NOT_FOUND');
    // Someone who may read the course: a suspended student is told so, not to enroll.
    const refusal = outsider.code === 'ENROLLMENT_REQUIRED' ? attemptRefusal(await statusOf(deps.db, actor.userId, found.courseId)) : undefined;
    throw refusal ? refusalError(refusal) : outsider;
  }
  const text = work.text?.trim() ? work.text : null;
  if (text === null && work.fileIds.length === 0)
    throw validationError([{ path: 'text', message: 'give text or at least one file' }], 'Hand in some text or a file.');

  return inTransaction(deps, async ({ trx, emit }) => {
    await lockStudentWork(trx, assignmentId, actor.userId);
    const assignment = await findAssignment(trx, assignmentId);
    if (!assignment) throw assignmentNotFound();
    // Read under the lock: a suspension or a drop since the first look refuses the work.
    const refusal = attemptRefusal(await statusOf(trx, actor.userId, assignment.courseId));
    if (refusal) throw refusalError(refusal);
    const now = new Date();
    const decision = decideSubmit(assignment, await submissionsOf(trx, assignment.id, actor.userId), { fileCount: work.fileIds.length }, now);
    if (decision.kind === 'refused') throw refusalError(decision.rejection);
    const submission = await insertSubmission(trx, {
      id: randomUUID(),
      assignmentId: assignment.id,
      studentId: actor.userId,
      version: decision.version,
      text,
      fileIds: work.fileIds,
      late: decision.late,
      submittedAt: now,
    });
    emit(
      eventRecord(
        'assignment.submitted',
        {
          eventId: randomUUID(),
          occurredAt: now.getTime(),
          submissionId: submission.id,
          assignmentId: assignment.id,
          lessonId: assignment.lessonId,
          courseId: assignment.courseId,
          studentId: submission.studentId,
          version: submission.version,
          late: submission.late,
        },
        { service: 'course', key: submission.studentId, context },
      ),
    );
    return submission;
  });
}
