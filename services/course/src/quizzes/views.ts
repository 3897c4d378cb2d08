import type { Quiz as QuizView, StudentQuiz } from '@smartcourse/contracts';
import { maxScoreOf, type Quiz } from './rules.js';

function quizFields(quiz: Quiz) {
  return {
    id: quiz.id,
    lessonId: quiz.lessonId,
    courseId: quiz.courseId,
    title: quiz.title,
    passMarkPercent: quiz.passMarkPercent,
    timeLimitSeconds: quiz.timeLimitSeconds,
    maxAttempts: quiz.maxAttempts,
    shuffle: quiz.shuffle,
    gradingMethod: quiz.gradingMethod,
    version: quiz.version,
    questionCount: quiz.questions.length,
    maxScore: maxScoreOf(quiz.questions),
    updatedAt: quiz.updatedAt.toISOString(),
  };
}

/** The quiz with its keys, for its owner and admins. */
export function ownerView(quiz: Quiz): QuizView {
  return {
    ...quizFields(quiz),
    createdAt: quiz.createdAt.toISOString(),
    questions: quiz.questions.map((question) => ({
      id: question.id,
      kind: question.kind,
      prompt: question.prompt,
      points: question.points,
      options: question.options.map((option) => ({ id: option.id, text: option.text })),
      correct: [...question.correct],
    })),
  };
}

/**
 * The quiz for an enrolled student: prompts and option texts, built field by field so nothing
 * else can slip in. No key, and no author's option id (it may say which option is right); an
 * attempt gives the options ids of its own.
 */
export function studentView(quiz: Quiz): StudentQuiz {
  return {
    ...quizFields(quiz),
    questions: quiz.questions.map((question) => ({
      id: question.id,
      kind: question.kind,
      prompt: question.prompt,
      points: question.points,
      options: question.options.map((option) => ({ text: option.text })),
    })),
  };
}
