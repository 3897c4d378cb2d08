import type { Knex } from '@smartcourse/platform';
import type { Quiz } from './rules.js';
import { findQuiz } from './store.js';

export interface QuizSummary {
  quizId: string;
  questionCount: number;
}

/** The quiz of each quiz lesson that has one, for the outline (structure events, publish rule). */
export async function quizzesOfCourse(db: Knex | Knex.Transaction, courseId: string): Promise<Map<string, QuizSummary>> {
  const rows = (await db('quizzes').select('id', 'lesson_id', 'question_count').where({ course_id: courseId })) as {
    id: string;
    lesson_id: string;
    question_count: number;
  }[];
  return new Map(rows.map((row) => [row.lesson_id, { quizId: row.id, questionCount: row.question_count }]));
}

/** A quiz with its questions and keys, for attempts (they never import the quizzes store). */
export function quizById(db: Knex | Knex.Transaction, id: string): Promise<Quiz | undefined> {
  return findQuiz(db, id);
}
