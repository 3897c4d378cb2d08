import type { AttemptSummary, GradedAttempt, StartedAttempt } from '@smartcourse/contracts';
import type { RecordedGrade } from './grading.js';
import { expiryGrade, statusAt, type Attempt, type Clock } from './rules.js';

/** A started attempt for its student: the questions as shown, built field by field, without the key. */
export function startedView(attempt: Attempt): StartedAttempt {
  return {
    id: attempt.id,
    attemptId: attempt.id,
    quizId: attempt.quizId,
    attemptNumber: attempt.attemptNumber,
    status: attempt.status,
    startedAt: attempt.startedAt.toISOString(),
    deadline: attempt.deadline?.toISOString() ?? null,
    maxScore: attempt.maxScore,
    questions: attempt.questions.map((question) => ({
      id: question.id,
      kind: question.kind,
      prompt: question.prompt,
      points: question.points,
      options: question.options.map((option) => ({ id: option.id, text: option.text })),
    })),
  };
}

export function gradedView({ attempt, quizGrade }: RecordedGrade): GradedAttempt {
  if (attempt.score === null || attempt.percent === null || attempt.passed === null) throw new Error(`attempt ${attempt.id} is not graded`);
  return {
    attemptId: attempt.id,
    quizId: attempt.quizId,
    attemptNumber: attempt.attemptNumber,
    score: attempt.score,
    maxScore: attempt.maxScore,
    percent: attempt.percent,
    passed: attempt.passed,
    quizGradePercent: quizGrade.percent,
    quizPassed: quizGrade.passed,
  };
}

/**
 * An attempt in a list: scores, no questions and no answers. An overdue open attempt shows as
 * expired with score 0, as it will be recorded when it is closed.
 */
export function summaryView(attempt: Attempt, clock: Clock): AttemptSummary {
  const status = statusAt(attempt, clock);
  const expiry = status === 'expired' && attempt.status === 'open' ? expiryGrade(attempt) : undefined;
  return {
    id: attempt.id,
    quizId: attempt.quizId,
    studentId: attempt.studentId,
    attemptNumber: attempt.attemptNumber,
    status,
    startedAt: attempt.startedAt.toISOString(),
    deadline: attempt.deadline?.toISOString() ?? null,
    submittedAt: attempt.submittedAt?.toISOString() ?? null,
    score: expiry?.score ?? attempt.score,
    maxScore: attempt.maxScore,
    percent: expiry?.percent ?? attempt.percent,
    passed: expiry?.passed ?? attempt.passed,
  };
}
