import { randomUUID } from 'node:crypto';
import type { GradeRequest } from '@smartcourse/contracts';
import { eventRecord, forbidden, inTransaction, notFound, type Actor, type MessageContext, type Writer } from '@smartcourse/platform';
import { findAssignment } from '../assignments/store.js';
import { isOwner } from '../courses/rules.js';
import { findCourse } from '../courses/store.js';
import { decideGrade, type RecordedGrade, type Submission } from './rules.js';
import { findSubmission, gradesOfSubmissions, insertGrade, lockStudentWork, markGraded, nextRevision, submissionsOf } from './store.js';
import { refusalError } from './submit.js';

const submissionNotFound = () => notFound('SUBMISSION_NOT_FOUND', 'No such submission.');

/**
 * Grades the latest version of a student's work (the course's instructor or an admin): the late
 * penalty applied and kept beside the score given, the earlier grades kept (a regrade adds one),
 * and `assignment.graded` announced in the same transaction with the student's next grade
 * revision — scores only, never the feedback.
 */
export async function gradeSubmission(
  deps: Writer,
  submissionId: string,
  request: GradeRequest,
  actor: Actor,
  context: MessageContext,
): Promise<{ submission: Submission; grades: RecordedGrade[] }> {
  return inTransaction(deps, async ({ trx, emit }) => {
    const seen = await findSubmission(trx, submissionId);
    if (!seen) throw submissionNotFound();
    const assignment = await findAssignment(trx, seen.assignmentId);
    const course = assignment ? await findCourse(trx, assignment.courseId) : undefined;
    if (!assignment || !course) throw submissionNotFound();
    if (!isOwner(course, actor)) {
      // The student sees their own work, so it exists for them; to anyone else it does not.
      if (seen.studentId === actor.userId) throw forbidden("Only the course's instructor and admins grade work.");
      throw submissionNotFound();
    }
    await lockStudentWork(trx, assignment.id, seen.studentId);
    const versions = await submissionsOf(trx, assignment.id, seen.studentId);
    const submission = versions.find((each) => each.id === seen.id);
    const latest = versions.at(-1);
    if (!submission || !latest) throw submissionNotFound();
    const decision = decideGrade(assignment, submission, latest, request.score);
    if (decision.kind === 'refused') throw refusalError(decision.rejection);
    const revision = await nextRevision(trx, assignment.id, submission.studentId);
    const gradedAt = new Date();
    await insertGrade(trx, {
      id: randomUUID(),
      submissionId: submission.id,
      assignmentId: assignment.id,
      studentId: submission.studentId,
      revision,
      ...decision.grade,
      feedback: request.feedback,
      gradedBy: actor.userId,
      gradedAt,
    });
    const graded = await markGraded(trx, submission.id);
    const { grade } = decision;
    emit(
      eventRecord(
        'assignment.graded',
        {
          eventId: randomUUID(),
          occurredAt: gradedAt.getTime(),
          submissionId: submission.id,
          assignmentId: assignment.id,
          lessonId: assignment.lessonId,
          courseId: assignment.courseId,
          studentId: submission.studentId,
          score: grade.finalScore,
          maxScore: grade.maxScore,
          percent: grade.percent,
          passed: grade.passed,
          latePenaltyPercent: grade.latePenaltyPercent,
          revision,
        },
        { service: 'course', key: submission.studentId, context },
      ),
    );
    const grades = (await gradesOfSubmissions(trx, [submission.id])).get(submission.id) ?? [];
    return { submission: graded, grades };
  });
}
