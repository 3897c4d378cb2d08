import type { Knex } from '@smartcourse/platform';
import type { QuizGrade } from './rules.js';

type Db = Knex | Knex.Transaction;

/**
 * Keeps the grade after the newest attempt: the grade travels keyed by student, so one student's
 * grades arrive in order, and a replay or redelivery of an older attempt changes nothing.
 */
export async function keepGrade(
  trx: Knex.Transaction,
  grade: QuizGrade & { studentId: string; courseId: string; attemptNumber: number; gradedAt: Date },
): Promise<boolean> {
  const kept = await trx.raw(
    `insert into quiz_grades (student_id, quiz_id, course_id, lesson_id, grade_percent, passed, attempt_number, graded_at)
     values (?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (student_id, quiz_id) do update set grade_percent = excluded.grade_percent, passed = excluded.passed,
       attempt_number = excluded.attempt_number, graded_at = excluded.graded_at, lesson_id = excluded.lesson_id
     where quiz_grades.attempt_number < excluded.attempt_number
     returning quiz_id`,
    [grade.studentId, grade.quizId, grade.courseId, grade.lessonId, grade.gradePercent, grade.passed, grade.attemptNumber, grade.gradedAt],
  );
  return (kept as { rows: unknown[] }).rows.length > 0;
}

export async function gradesOf(db: Db, studentId: string, courseId: string): Promise<QuizGrade[]> {
  const rows = (await db('quiz_grades').where({ student_id: studentId, course_id: courseId }).orderBy('quiz_id')) as {
    quiz_id: string;
    lesson_id: string;
    grade_percent: number;
    passed: boolean;
  }[];
  return rows.map((row) => ({ quizId: row.quiz_id, lessonId: row.lesson_id, gradePercent: Number(row.grade_percent), passed: row.passed }));
}
