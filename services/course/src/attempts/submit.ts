import { inTransaction, notFound, validationError, type Actor, type MessageContext } from '@smartcourse/platform';
import type { SubmitAttemptRequest } from '@smartcourse/contracts';
import { attemptRefusal } from '../enrollments/rules.js';
import { statusOf } from '../enrollments/store.js';
import { findQuiz } from '../quizzes/store.js';
import { answerIssues, gradeSubmission } from '../quizzes/rules.js';
import { recordGrade, studentQuizGrade, type RecordedGrade } from './grading.js';
import { decideSubmit, expiryGrade } from './rules.js';
import { quizNotFound, refusalError, type AttemptDeps } from './start.js';
import { findAttempt, lockStudentAttempts, submittedAnswers } from './store.js';

const attemptNotFound = () => notFound('ATTEMPT_NOT_FOUND', 'No such attempt of yours at this quiz.');

/**
 * Grades the student's own open attempt against the questions it showed, once, while their
 * enrollment is active or completed (ENROLLMENT_SUSPENDED, or ENROLLMENT_REQUIRED once dropped). Past its deadline
 * plus the grace (the server's clock) it is closed as expired instead and the submit refused.
 * The same answers to a submitted attempt answer its recorded grade again, with no new event.
 */
export async function submitAttempt(
  deps: AttemptDeps,
  ids: { quizId: string; attemptId: string },
  submission: SubmitAttemptRequest,
  actor: Actor,
  context: MessageContext,
): Promise<RecordedGrade> {
  const outcome = await inTransaction(deps, async (unit) => {
    const { trx } = unit;
    // Someone else's attempt does not exist for the caller, whoever they are.
    const seen = await findAttempt(trx, ids.quizId, ids.attemptId);
    if (!seen || seen.studentId !== actor.userId) throw attemptNotFound();
    await lockStudentAttempts(trx, ids.quizId, actor.userId);
    // One query at a time: a transaction is one connection.
    const attempt = await findAttempt(trx, ids.quizId, ids.attemptId);
    const quiz = await findQuiz(trx, ids.quizId);
    if (!attempt) throw attemptNotFound();
    if (!quiz) throw quizNotFound();
    // An attempt opened before a suspension or a drop is not graded while it lasts.
    const refusal = attemptRefusal(await statusOf(trx, actor.userId, quiz.courseId));
    if (refusal) throw refusalError(refusal);

    const stored = attempt.status === 'submitted' ? await submittedAnswers(trx, attempt.id) : null;
    const decision = decideSubmit(attempt, { now: new Date(), graceSeconds: deps.submitGraceSeconds }, { stored, now: submission.answers });
    if (decision.kind === 'replay')
      return { kind: 'replayed' as const, recorded: { attempt, quizGrade: await studentQuizGrade(trx, quiz, attempt.studentId) } };
    if (decision.kind === 'refused') {
      if (decision.expire)
        await recordGrade(unit, quiz, attempt, { status: 'expired', grade: expiryGrade(attempt), answers: null, submittedAt: null }, context);
      return { kind: 'refused' as const, rejection: decision.rejection };
    }
    const issues = answerIssues(attempt.questions, submission.answers);
    if (issues.length > 0) throw validationError(issues, 'The answers do not fit the questions of this attempt.');
    const grade = gradeSubmission(attempt.questions, submission.answers, attempt.passMarkPercent);
    const recorded = await recordGrade(unit, quiz, attempt, { status: 'submitted', grade, answers: submission.answers, submittedAt: new Date() }, context);
    return { kind: 'graded' as const, recorded };
  });
  // A refusal after closing an overdue attempt still commits that closing.
  if (outcome.kind === 'refused') throw refusalError(outcome.rejection);
  return outcome.recorded;
}
