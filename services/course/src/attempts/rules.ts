import type { AttemptStatus } from '@smartcourse/contracts';
import type { Rejection } from '@smartcourse/platform';
import { gradeSubmission, type Answer, type Grade, type QuizQuestion } from '../quizzes/rules.js';

/**
 * One student's attempt at a quiz. It keeps the questions it showed, with its own option ids and
 * the key in those ids, and the pass mark it started with: replacing the quiz changes neither.
 */
export interface Attempt {
  id: string;
  quizId: string;
  studentId: string;
  attemptNumber: number;
  quizVersion: number;
  questions: QuizQuestion[];
  passMarkPercent: number;
  status: AttemptStatus;
  startedAt: Date;
  deadline: Date | null;
  submittedAt: Date | null;
  score: number | null;
  maxScore: number;
  percent: number | null;
  passed: boolean | null;
}

/** The clock and the grace after a deadline: the server's clock decides. */
export interface Clock {
  now: Date;
  graceSeconds: number;
}

/** Open, with a deadline, and past it by more than the grace: it can no longer be submitted. */
export const isOverdue = (attempt: Pick<Attempt, 'status' | 'deadline'>, clock: Clock): boolean =>
  attempt.status === 'open' && attempt.deadline !== null && clock.now.getTime() > attempt.deadline.getTime() + clock.graceSeconds * 1000;

/** The status a reader sees: an overdue open attempt is expired already, even before it is closed. */
export const statusAt = (attempt: Pick<Attempt, 'status' | 'deadline'>, clock: Clock): AttemptStatus =>
  isOverdue(attempt, clock) ? 'expired' : attempt.status;

export const deadlineOf = (startedAt: Date, timeLimitSeconds: number | null): Date | null =>
  timeLimitSeconds === null ? null : new Date(startedAt.getTime() + timeLimitSeconds * 1000);

/** An expired attempt counts with nothing answered: score 0 (passed only when the pass mark is 0). */
export const expiryGrade = (attempt: Pick<Attempt, 'questions' | 'passMarkPercent'>): Grade => gradeSubmission(attempt.questions, [], attempt.passMarkPercent);

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/**
 * The questions an attempt shows: every option gets an id of this attempt (so an author's option
 * ids, which may say which is right, never reach a student), the key follows the new ids, and with
 * `shuffle` the questions and the options of single and multiple choices come in a random order
 * (true/false keeps its order).
 */
export function attemptQuestions(
  questions: readonly QuizQuestion[],
  options: { shuffle: boolean; random: () => number; newOptionId: () => string },
): QuizQuestion[] {
  const shown = questions.map((question): QuizQuestion => {
    if (question.kind === 'short_answer') return { ...question, options: [], correct: [...question.correct] };
    const ids = new Map(question.options.map((option) => [option.id, options.newOptionId()]));
    const renamed = question.options.map((option) => ({ id: ids.get(option.id) as string, text: option.text }));
    return {
      ...question,
      options: options.shuffle && question.kind !== 'true_false' ? shuffled(renamed, options.random) : renamed,
      correct: question.correct.map((id) => ids.get(id) as string),
    };
  });
  return options.shuffle ? shuffled(shown, options.random) : shown;
}

export type StartDecision =
  | { kind: 'start'; attemptNumber: number; expire: Attempt | undefined }
  /** Refused; an overdue attempt found on the way is still closed as expired. */
  | { kind: 'refused'; rejection: Rejection; expire: Attempt | undefined };

/**
 * Whether a student may start another attempt: not while one is open (an overdue one is closed
 * as expired instead, and counts), and not past the quiz's maximum.
 */
export function decideStart(attempts: readonly Attempt[], maxAttempts: number | null, clock: Clock): StartDecision {
  const open = attempts.find((attempt) => attempt.status === 'open');
  const expire = open && isOverdue(open, clock) ? open : undefined;
  if (open && !expire) {
    return {
      kind: 'refused',
      expire,
      rejection: { code: 'ATTEMPT_IN_PROGRESS', message: 'An attempt at this quiz is still open; submit it first.', details: { attemptId: open.id } },
    };
  }
  if (maxAttempts !== null && attempts.length >= maxAttempts) {
    return {
      kind: 'refused',
      expire,
      rejection: { code: 'MAX_ATTEMPTS_REACHED', message: `This quiz allows ${maxAttempts} attempt(s).`, details: { maxAttempts } },
    };
  }
  return { kind: 'start', expire, attemptNumber: Math.max(0, ...attempts.map((attempt) => attempt.attemptNumber)) + 1 };
}

export type SubmitDecision = { kind: 'grade' } | { kind: 'replay' } | { kind: 'refused'; rejection: Rejection; expire: boolean };

/** Answers as a set: the order of the answers and of each one's options does not matter. */
const canonicalAnswers = (answers: readonly Answer[]) =>
  JSON.stringify(
    [...answers]
      .map((answer) => ({ questionId: answer.questionId, optionIds: answer.optionIds ? [...answer.optionIds].sort() : null, text: answer.text ?? null }))
      .sort((a, b) => a.questionId.localeCompare(b.questionId)),
  );

/**
 * An attempt is submitted once, while open, before its deadline plus the grace. The same answers
 * again are a retry whose answer was lost (the gateway died mid-request): it gets the grade
 * recorded the first time, and nothing is graded twice.
 */
export function decideSubmit(attempt: Attempt, clock: Clock, submitted: { stored: readonly Answer[] | null; now: readonly Answer[] }): SubmitDecision {
  if (attempt.status === 'submitted') {
    if (submitted.stored !== null && canonicalAnswers(submitted.stored) === canonicalAnswers(submitted.now)) return { kind: 'replay' };
    return {
      kind: 'refused',
      expire: false,
      rejection: { code: 'ATTEMPT_ALREADY_SUBMITTED', message: 'This attempt was submitted already, with other answers.' },
    };
  }
  const expired: Rejection = {
    code: 'ATTEMPT_EXPIRED',
    message: 'The time for this attempt is over.',
    details: { deadline: attempt.deadline?.toISOString() ?? null },
  };
  if (attempt.status === 'expired') return { kind: 'refused', expire: false, rejection: expired };
  if (isOverdue(attempt, clock)) return { kind: 'refused', expire: true, rejection: expired };
  return { kind: 'grade' };
}
