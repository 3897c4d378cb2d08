import type { Knex } from '@smartcourse/platform';
import type { QuizzesByLesson } from '../outline/rules.js';
import type { Quiz, QuizQuestion, QuizSettings } from './rules.js';

type Db = Knex | Knex.Transaction;

interface QuizRow {
  id: string;
  lesson_id: string;
  course_id: string;
  title: string;
  pass_mark_percent: number;
  time_limit_seconds: number | null;
  max_attempts: number | null;
  shuffle: boolean;
  grading_method: Quiz['gradingMethod'];
  questions: QuizQuestion[];
  question_count: number;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const fromRow = (row: QuizRow): Quiz => ({
  id: row.id,
  lessonId: row.lesson_id,
  courseId: row.course_id,
  title: row.title,
  passMarkPercent: row.pass_mark_percent,
  timeLimitSeconds: row.time_limit_seconds,
  maxAttempts: row.max_attempts,
  shuffle: row.shuffle,
  gradingMethod: row.grading_method,
  questions: row.questions,
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The columns a quiz's content sets; jsonb gets JSON text (pg would send a JS array as a Postgres array). */
const contentColumns = (settings: QuizSettings, questions: readonly QuizQuestion[]) => ({
  title: settings.title,
  pass_mark_percent: settings.passMarkPercent,
  time_limit_seconds: settings.timeLimitSeconds,
  max_attempts: settings.maxAttempts,
  shuffle: settings.shuffle,
  grading_method: settings.gradingMethod,
  questions: JSON.stringify(questions),
  question_count: questions.length,
});

export async function findQuiz(db: Db, id: string): Promise<Quiz | undefined> {
  const row = await db<QuizRow>('quizzes').where({ id }).first();
  return row ? fromRow(row) : undefined;
}

/** The quiz of each quiz lesson that has one, for the outline (structure events, publish rule). */
export async function quizzesOfCourse(db: Db, courseId: string): Promise<QuizzesByLesson> {
  const rows = (await db('quizzes').select('id', 'lesson_id', 'question_count').where({ course_id: courseId })) as Pick<
    QuizRow,
    'id' | 'lesson_id' | 'question_count'
  >[];
  return new Map(rows.map((row) => [row.lesson_id, { quizId: row.id, questionCount: row.question_count }]));
}

export async function findQuizOfLesson(db: Db, lessonId: string): Promise<Quiz | undefined> {
  const row = await db<QuizRow>('quizzes').where({ lesson_id: lessonId }).first();
  return row ? fromRow(row) : undefined;
}

export async function insertQuiz(
  trx: Knex.Transaction,
  quiz: { id: string; lessonId: string; courseId: string } & QuizSettings & { questions: QuizQuestion[] },
): Promise<Quiz> {
  const [row] = await trx('quizzes')
    .insert({ id: quiz.id, lesson_id: quiz.lessonId, course_id: quiz.courseId, ...contentColumns(quiz, quiz.questions), version: 1 })
    .returning('*');
  return fromRow(row as QuizRow);
}

/** Replaces the quiz's content whole and bumps its version; the id stays. */
export async function replaceQuiz(trx: Knex.Transaction, id: string, settings: QuizSettings, questions: readonly QuizQuestion[]): Promise<Quiz> {
  const [row] = await trx('quizzes')
    .where({ id })
    .update({ ...contentColumns(settings, questions), version: trx.raw('version + 1'), updated_at: trx.fn.now() })
    .returning('*');
  return fromRow(row as QuizRow);
}
