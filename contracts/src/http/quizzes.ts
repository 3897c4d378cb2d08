import { z } from 'zod';
import { PageMeta } from './admin.js';
import { Title } from './courses.js';
import { trimmedText } from './text.js';

/**
 * Request and response bodies of the quiz routes. The shapes are checked here; whether the keys
 * fit the options (one correct option of a single choice, …) is the course service's rule.
 */

export const questionKinds = ['single', 'multiple', 'true_false', 'short_answer'] as const;
export const gradingMethods = ['highest', 'last'] as const;
export const attemptStatuses = ['open', 'submitted', 'expired'] as const;

export const QuestionKind = z.enum(questionKinds);
export const GradingMethod = z.enum(gradingMethods);
export const AttemptStatus = z.enum(attemptStatuses);
export type QuestionKind = z.infer<typeof QuestionKind>;
export type GradingMethod = z.infer<typeof GradingMethod>;
export type AttemptStatus = z.infer<typeof AttemptStatus>;

/** Bounds of a quiz: a whole quiz still fits the gateway's body limit comfortably at typical sizes. */
export const quizLimits = { questions: 100, options: 10, acceptedTexts: 20, points: 1000, timeLimitSeconds: 24 * 3600, maxAttempts: 100 } as const;

/** An author's option id: short and URL-safe; students never see it (an attempt shows its own ids). */
const OptionId = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only');

export const QuizOptionRequest = z.strictObject({ id: OptionId, text: trimmedText(1, 500) });
export type QuizOptionRequest = z.infer<typeof QuizOptionRequest>;

export const QuizQuestionRequest = z.strictObject({
  /** Optional: a question without an id gets a new one (send back the ids the last answer gave to keep them). */
  id: z.uuid().optional(),
  kind: QuestionKind,
  prompt: trimmedText(1, 2000),
  points: z.number().int().min(1).max(quizLimits.points),
  options: z.array(QuizOptionRequest).max(quizLimits.options).optional(),
  /** Option ids for the choice kinds; accepted answers for `short_answer`. */
  correct: z.array(trimmedText(1, 500)).min(1).max(quizLimits.acceptedTexts),
});
export type QuizQuestionRequest = z.infer<typeof QuizQuestionRequest>;

/** `PUT /api/lessons/{lessonId}/quiz`: the whole quiz, replacing the one before. */
export const QuizRequest = z.strictObject({
  title: Title,
  passMarkPercent: z.number().int().min(0).max(100),
  timeLimitSeconds: z.number().int().min(1).max(quizLimits.timeLimitSeconds).nullable().optional(),
  maxAttempts: z.number().int().min(1).max(quizLimits.maxAttempts).nullable().optional(),
  shuffle: z.boolean(),
  gradingMethod: GradingMethod,
  questions: z.array(QuizQuestionRequest).min(1).max(quizLimits.questions),
});
export type QuizRequest = z.infer<typeof QuizRequest>;

/** `POST /api/quizzes/{quizId}/attempts/{attemptId}/submit`: one answer per question at most; an unanswered question scores nothing. */
export const AnswerRequest = z.strictObject({
  questionId: z.uuid(),
  optionIds: z.array(z.string().min(1).max(64)).max(quizLimits.options).optional(),
  text: z.string().max(500).optional(),
});
export const SubmitAttemptRequest = z.strictObject({ answers: z.array(AnswerRequest).max(quizLimits.questions) });
export type SubmitAttemptRequest = z.infer<typeof SubmitAttemptRequest>;

/**
 * The gateway's call to start an attempt: the attempt id is the request's command id, so a start
 * retried with the same `Idempotency-Key` after the gateway lost its record finds the same attempt.
 */
export const StartAttemptCall = z.strictObject({ attemptId: z.uuid().optional() });
export type StartAttemptCall = z.infer<typeof StartAttemptCall>;

export const QuizParams = z.strictObject({ quizId: z.uuid() });
export type QuizParams = z.infer<typeof QuizParams>;
export const AttemptParams = z.strictObject({ quizId: z.uuid(), attemptId: z.uuid() });
export type AttemptParams = z.infer<typeof AttemptParams>;

/** `GET /api/quizzes/{quizId}/attempts`: a student sees their own; the owner and admins see all, or one student's. */
export const AttemptListQuery = z.strictObject({
  studentId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
});
export type AttemptListQuery = z.infer<typeof AttemptListQuery>;

const quizFields = {
  id: z.uuid(),
  lessonId: z.uuid(),
  courseId: z.uuid(),
  title: z.string(),
  passMarkPercent: z.number().int(),
  timeLimitSeconds: z.number().int().nullable(),
  maxAttempts: z.number().int().nullable(),
  shuffle: z.boolean(),
  gradingMethod: GradingMethod,
  version: z.number().int(),
  questionCount: z.number().int(),
  maxScore: z.number().int(),
  updatedAt: z.string(),
};

/** The quiz with its keys, for its course's owner and admins. */
export const Quiz = z.object({
  ...quizFields,
  createdAt: z.string(),
  questions: z.array(
    z.object({
      id: z.uuid(),
      kind: QuestionKind,
      prompt: z.string(),
      points: z.number().int(),
      options: z.array(z.object({ id: z.string(), text: z.string() })),
      correct: z.array(z.string()),
    }),
  ),
});
export type Quiz = z.infer<typeof Quiz>;

/** The quiz for an enrolled student: questions and option texts, no keys and no author's option ids. */
export const StudentQuiz = z.object({
  ...quizFields,
  questions: z.array(
    z.object({ id: z.uuid(), kind: QuestionKind, prompt: z.string(), points: z.number().int(), options: z.array(z.object({ text: z.string() })) }),
  ),
});
export type StudentQuiz = z.infer<typeof StudentQuiz>;

/** A question as an attempt shows it: options carry this attempt's ids, which are what a submit names. */
export const AttemptQuestion = z.object({
  id: z.uuid(),
  kind: QuestionKind,
  prompt: z.string(),
  points: z.number().int(),
  options: z.array(z.object({ id: z.string(), text: z.string() })),
});

export const StartedAttempt = z.object({
  id: z.uuid(),
  attemptId: z.uuid(),
  quizId: z.uuid(),
  attemptNumber: z.number().int(),
  status: AttemptStatus,
  startedAt: z.string(),
  deadline: z.string().nullable(),
  maxScore: z.number().int(),
  questions: z.array(AttemptQuestion),
});
export type StartedAttempt = z.infer<typeof StartedAttempt>;

export const GradedAttempt = z.object({
  attemptId: z.uuid(),
  quizId: z.uuid(),
  attemptNumber: z.number().int(),
  score: z.number().int(),
  maxScore: z.number().int(),
  percent: z.number(),
  passed: z.boolean(),
  /** The student's grade for the quiz after this attempt (best attempt or last one, by the quiz's grading method). */
  quizGradePercent: z.number(),
  quizPassed: z.boolean(),
});
export type GradedAttempt = z.infer<typeof GradedAttempt>;

export const AttemptSummary = z.object({
  id: z.uuid(),
  quizId: z.uuid(),
  studentId: z.uuid(),
  attemptNumber: z.number().int(),
  /** `expired` also for an open attempt past its deadline and grace: it is closed with score 0 at the next start or submit. */
  status: AttemptStatus,
  startedAt: z.string(),
  deadline: z.string().nullable(),
  submittedAt: z.string().nullable(),
  score: z.number().int().nullable(),
  maxScore: z.number().int(),
  percent: z.number().nullable(),
  passed: z.boolean().nullable(),
});
export type AttemptSummary = z.infer<typeof AttemptSummary>;
export const AttemptList = z.object({ data: z.array(AttemptSummary), meta: PageMeta });
