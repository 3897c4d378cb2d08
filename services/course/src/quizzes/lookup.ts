import type { Knex } from '@smartcourse/platform';

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
