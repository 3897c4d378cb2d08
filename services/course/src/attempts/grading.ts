import { randomUUID } from 'node:crypto';
import { eventRecord, type Knex, type MessageContext, type Unit } from '@smartcourse/platform';
import { quizGrade, type Answer, type Grade, type Quiz } from '../quizzes/rules.js';
import type { Attempt } from './rules.js';
import { attemptsOf, closeAttempt } from './store.js';

export interface RecordedGrade {
  attempt: Attempt;
  quizGrade: { percent: number; passed: boolean };
}

/** The student's grade at the quiz, by its grading method, over every graded attempt. */
export async function studentQuizGrade(db: Knex, quiz: Pick<Quiz, 'id' | 'gradingMethod'>, studentId: string): Promise<{ percent: number; passed: boolean }> {
  const graded = (await attemptsOf(db, quiz.id, studentId)).flatMap((each) =>
    each.status === 'open' || each.percent === null || each.passed === null
      ? []
      : [{ attemptNumber: each.attemptNumber, percent: each.percent, passed: each.passed }],
  );
  return quizGrade(quiz.gradingMethod, graded);
}

/**
 * Closes an attempt with its grade and announces `quiz.attempt_graded` (keyed by the student) in
 * the same transaction, with the student's quiz grade after it by the quiz's grading method.
 * The event carries scores and ids only: never an answer, never a key.
 */
export async function recordGrade(
  { trx, emit }: Unit,
  quiz: Pick<Quiz, 'id' | 'lessonId' | 'courseId' | 'gradingMethod'>,
  open: Attempt,
  closing: { status: 'submitted' | 'expired'; grade: Grade; answers: readonly Answer[] | null; submittedAt: Date | null },
  context: MessageContext,
): Promise<RecordedGrade> {
  const attempt = await closeAttempt(trx, open.id, closing);
  const grade = await studentQuizGrade(trx, quiz, attempt.studentId);
  emit(
    eventRecord(
      'quiz.attempt_graded',
      {
        eventId: randomUUID(),
        occurredAt: Date.now(),
        attemptId: attempt.id,
        quizId: quiz.id,
        lessonId: quiz.lessonId,
        courseId: quiz.courseId,
        studentId: attempt.studentId,
        attemptNumber: attempt.attemptNumber,
        score: closing.grade.score,
        maxScore: closing.grade.maxScore,
        percent: closing.grade.percent,
        passed: closing.grade.passed,
        quizGradePercent: grade.percent,
        quizPassed: grade.passed,
      },
      { service: 'course', key: attempt.studentId, context },
    ),
  );
  return { attempt, quizGrade: grade };
}
