import { randomInt, randomUUID } from 'node:crypto';
import { AppError, inTransaction, notFound, type Actor, type MessageContext, type Rejection, type Writer } from '@smartcourse/platform';
import { outsiderRefusal, roleInCourse } from '../courses/access.js';
import { attemptRefusal } from '../enrollments/rules.js';
import { statusOf } from '../enrollments/store.js';
import { findQuiz } from '../quizzes/store.js';
import { maxScoreOf } from '../quizzes/rules.js';
import { recordGrade } from './grading.js';
import { attemptQuestions, decideStart, deadlineOf, expiryGrade, type Attempt } from './rules.js';
import { attemptsOf, findAttempt, insertAttempt, lockStudentAttempts } from './store.js';

export interface AttemptDeps extends Writer {
  /** Grace after a deadline before a submit is refused. */
  submitGraceSeconds: number;
}

export const quizNotFound = () => notFound('QUIZ_NOT_FOUND', 'No such quiz.');

export const refusalError = (rejection: Rejection) => new AppError({ code: rejection.code, message: rejection.message, details: rejection.details });

/** A crypto-strong uniform draw in [0, 1), for shuffling: a student cannot predict the order. */
const random = () => randomInt(0, 2 ** 32) / 2 ** 32;

/**
 * Starts the next attempt of a student whose enrollment is active or completed (a suspended one is
 * refused with ENROLLMENT_SUSPENDED): at most one open at a time (one past its
 * deadline and grace is closed as expired with score 0 first, and counts), never more than the
 * quiz allows, whatever the concurrency (the student's attempts are locked until commit). Given
 * an attempt id (the gateway's command id), a start already made with it answers that attempt.
 */
export async function startAttempt(
  deps: AttemptDeps,
  quizId: string,
  actor: Actor,
  context: MessageContext,
  options: { attemptId?: string | undefined } = {},
): Promise<Attempt> {
  const found = await findQuiz(deps.db, quizId);
  if (!found) throw quizNotFound();
  const role = await roleInCourse(deps.db, found.courseId, actor);
  if (role.kind !== 'student') {
    const outsider = outsiderRefusal(role.course, actor, 'QUIZ_NOT_FOUND');
    // Someone who may read the course: a suspended student is told so, not to enroll.
    const refusal = outsider.code === 'ENROLLMENT_REQUIRED' ? attemptRefusal(await statusOf(deps.db, actor.userId, found.courseId)) : undefined;
    throw refusal ? refusalError(refusal) : outsider;
  }

  const outcome = await inTransaction(deps, async (unit) => {
    const { trx } = unit;
    await lockStudentAttempts(trx, quizId, actor.userId);
    const quiz = await findQuiz(trx, quizId);
    if (!quiz) throw quizNotFound();
    const attemptId = options.attemptId ?? randomUUID();
    // The same start again (a retry with the same id, which the gateway derives per user): the attempt it started.
    const replayed = options.attemptId ? await findAttempt(trx, quiz.id, attemptId) : undefined;
    if (replayed?.studentId === actor.userId) return { kind: 'started' as const, attempt: replayed };
    const now = new Date();
    const decision = decideStart(await attemptsOf(trx, quiz.id, actor.userId), quiz.maxAttempts, { now, graceSeconds: deps.submitGraceSeconds });
    if (decision.expire) {
      await recordGrade(unit, quiz, decision.expire, { status: 'expired', grade: expiryGrade(decision.expire), answers: null, submittedAt: null }, context);
    }
    if (decision.kind === 'refused') return { kind: 'refused' as const, rejection: decision.rejection };
    const questions = attemptQuestions(quiz.questions, { shuffle: quiz.shuffle, random, newOptionId: randomUUID });
    const attempt = await insertAttempt(trx, {
      id: attemptId,
      quizId: quiz.id,
      studentId: actor.userId,
      attemptNumber: decision.attemptNumber,
      quizVersion: quiz.version,
      questions,
      passMarkPercent: quiz.passMarkPercent,
      startedAt: now,
      deadline: deadlineOf(now, quiz.timeLimitSeconds),
      maxScore: maxScoreOf(questions),
    });
    return { kind: 'started' as const, attempt };
  });
  // A refusal after closing an overdue attempt still commits that closing.
  if (outcome.kind === 'refused') throw refusalError(outcome.rejection);
  return outcome.attempt;
}
