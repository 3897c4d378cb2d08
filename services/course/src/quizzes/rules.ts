import { QuizRequest, type GradingMethod, type QuestionKind } from '@smartcourse/contracts';
import { accept, fieldIssues, reject, type Decision, type FieldIssue } from '@smartcourse/platform';

export interface QuizOption {
  id: string;
  text: string;
}

/**
 * A question with its key: the correct option ids (choice kinds) or the accepted texts
 * (`short_answer`, which has no options). An attempt keeps its own copy, with its own option ids.
 */
export interface QuizQuestion {
  id: string;
  kind: QuestionKind;
  prompt: string;
  points: number;
  options: QuizOption[];
  correct: string[];
}

export interface QuizSettings {
  title: string;
  passMarkPercent: number;
  timeLimitSeconds: number | null;
  maxAttempts: number | null;
  shuffle: boolean;
  gradingMethod: GradingMethod;
}

export interface Quiz extends QuizSettings {
  id: string;
  lessonId: string;
  courseId: string;
  questions: QuizQuestion[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A valid quiz as the author sent it: a question without an id gets one when it is stored. */
export type QuizDraft = QuizSettings & { questions: (Omit<QuizQuestion, 'id'> & { id?: string | undefined })[] };

export interface Answer {
  questionId: string;
  optionIds?: string[] | undefined;
  text?: string | undefined;
}

const choiceKinds: ReadonlySet<QuestionKind> = new Set(['single', 'multiple', 'true_false']);
const oneAnswerKinds: ReadonlySet<QuestionKind> = new Set(['single', 'true_false']);

export const maxScoreOf = (questions: readonly Pick<QuizQuestion, 'points'>[]) => questions.reduce((sum, question) => sum + question.points, 0);

/**
 * How a typed answer is compared: Unicode compatibility form, trimmed, inner runs of white space
 * as one space, case folded (upper then lower, so "STRASSE" matches "Straße").
 */
export function normalizeShortAnswer(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/gu, ' ').toUpperCase().toLowerCase();
}

const repeatedIn = (values: readonly string[]) => [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];

/** What is wrong with one question's options and key (empty when nothing is). */
function questionIssues(question: QuizRequest['questions'][number], path: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const options = question.options ?? [];
  const issue = (field: string, message: string) => issues.push({ path: `${path}.${field}`, message });
  if (question.kind === 'short_answer') {
    if (options.length > 0) issue('options', 'a short answer question has no options');
    const repeated = repeatedIn(question.correct.map(normalizeShortAnswer));
    if (repeated.length > 0) issue('correct', 'accepted answers must differ after trimming, case folding and collapsing spaces');
    return issues;
  }
  const ids = options.map((option) => option.id);
  if (repeatedIn(ids).length > 0) issue('options', 'option ids must be unique within the question');
  if (question.kind === 'true_false' && options.length !== 2) issue('options', 'a true/false question has exactly two options');
  if (question.kind !== 'true_false' && options.length < 2) issue('options', 'a choice question has at least two options');
  if (oneAnswerKinds.has(question.kind) && question.correct.length !== 1) issue('correct', 'exactly one correct option id');
  if (repeatedIn(question.correct).length > 0) issue('correct', 'an option is listed twice');
  const known = new Set(ids);
  if (question.correct.some((id) => !known.has(id))) issue('correct', 'every correct entry must be the id of one of the options');
  return issues;
}

/**
 * A quiz as an author may set it: the shape (contracts' QuizRequest), then the keys — each
 * question has a correct answer, and the key of a choice question names its own options.
 */
export function validateQuiz(body: unknown): Decision<QuizDraft> {
  const parsed = QuizRequest.safeParse(body);
  if (!parsed.success) return reject('VALIDATION_ERROR', 'The quiz is not valid.', fieldIssues(parsed.error.issues));
  const quiz = parsed.data;
  const issues = quiz.questions.flatMap((question, index) => questionIssues(question, `questions.${index}`));
  const givenIds = quiz.questions.flatMap((question) => (question.id ? [question.id] : []));
  if (repeatedIn(givenIds).length > 0) issues.push({ path: 'questions', message: 'question ids must be unique within the quiz' });
  if (issues.length > 0) return reject('VALIDATION_ERROR', 'The quiz is not valid.', issues);
  return accept({
    title: quiz.title,
    passMarkPercent: quiz.passMarkPercent,
    timeLimitSeconds: quiz.timeLimitSeconds ?? null,
    maxAttempts: quiz.maxAttempts ?? null,
    shuffle: quiz.shuffle,
    gradingMethod: quiz.gradingMethod,
    questions: quiz.questions.map((question) => ({
      id: question.id,
      kind: question.kind,
      prompt: question.prompt,
      points: question.points,
      options: question.options ?? [],
      correct: question.correct,
    })),
  });
}

/**
 * What is wrong with a submission against the questions an attempt showed: answers name its
 * questions once each, choice answers name its option ids (one for single and true/false), and
 * short answers are text. Messages name ids the student already has, never a key.
 */
export function answerIssues(questions: readonly QuizQuestion[], answers: readonly Answer[]): FieldIssue[] {
  const byId = new Map(questions.map((question) => [question.id, question]));
  const issues: FieldIssue[] = [];
  if (repeatedIn(answers.map((answer) => answer.questionId)).length > 0) issues.push({ path: 'answers', message: 'each question is answered at most once' });
  answers.forEach((answer, index) => {
    const path = `answers.${index}`;
    const question = byId.get(answer.questionId);
    if (!question) return void issues.push({ path: `${path}.questionId`, message: 'not a question of this attempt' });
    if (!choiceKinds.has(question.kind)) {
      if (answer.optionIds !== undefined) issues.push({ path: `${path}.optionIds`, message: 'a short answer question takes text' });
      return;
    }
    if (answer.text !== undefined) issues.push({ path: `${path}.text`, message: 'a choice question takes optionIds' });
    const chosen = answer.optionIds ?? [];
    const shown = new Set(question.options.map((option) => option.id));
    if (chosen.some((id) => !shown.has(id))) issues.push({ path: `${path}.optionIds`, message: 'not an option of this question' });
    if (repeatedIn(chosen).length > 0) issues.push({ path: `${path}.optionIds`, message: 'an option is chosen twice' });
    if (oneAnswerKinds.has(question.kind) && chosen.length > 1) issues.push({ path: `${path}.optionIds`, message: 'choose one option' });
  });
  return issues;
}

/** Points of one answer: all or nothing. A multiple choice scores only when the chosen set is the key. */
export function pointsFor(question: QuizQuestion, answer: Answer | undefined): number {
  if (!answer) return 0;
  if (question.kind === 'short_answer') {
    if (answer.text === undefined) return 0;
    const given = normalizeShortAnswer(answer.text);
    return question.correct.some((accepted) => normalizeShortAnswer(accepted) === given) ? question.points : 0;
  }
  const chosen = new Set(answer.optionIds ?? []);
  const key = new Set(question.correct);
  const same = chosen.size === key.size && [...chosen].every((id) => key.has(id));
  return same ? question.points : 0;
}

/** score / maxScore × 100, rounded to two decimals. */
export const percentOf = (score: number, maxScore: number) => Math.round((score * 10_000) / maxScore) / 100;

export interface Grade {
  score: number;
  maxScore: number;
  percent: number;
  passed: boolean;
}

/** Grades a (valid) submission against the questions the attempt showed and the pass mark it started with. */
export function gradeSubmission(questions: readonly QuizQuestion[], answers: readonly Answer[], passMarkPercent: number): Grade {
  const byQuestion = new Map(answers.map((answer) => [answer.questionId, answer]));
  const score = questions.reduce((sum, question) => sum + pointsFor(question, byQuestion.get(question.id)), 0);
  const maxScore = maxScoreOf(questions);
  const percent = percentOf(score, maxScore);
  return { score, maxScore, percent, passed: percent >= passMarkPercent };
}

export interface GradedAttemptFacts {
  attemptNumber: number;
  percent: number;
  passed: boolean;
}

/**
 * The student's grade for the quiz: the best graded attempt (`highest`) or the latest
 * (`last`). Passed is that attempt's own verdict, so grade and verdict always agree.
 */
export function quizGrade(method: GradingMethod, graded: readonly GradedAttemptFacts[]): { percent: number; passed: boolean } {
  if (graded.length === 0) throw new Error('a quiz grade needs at least one graded attempt');
  const pick =
    method === 'last'
      ? (best: GradedAttemptFacts, next: GradedAttemptFacts) => (next.attemptNumber > best.attemptNumber ? next : best)
      : (best: GradedAttemptFacts, next: GradedAttemptFacts) =>
          next.percent > best.percent || (next.percent === best.percent && next.passed && !best.passed) ? next : best;
  const chosen = graded.reduce(pick);
  return { percent: chosen.percent, passed: chosen.passed };
}
