import type { Knex } from '@smartcourse/platform';
import type { AssignmentGrade } from './rules.js';

type Db = Knex | Knex.Transaction;

/**
 * Keeps the grade of the highest revision: a student's grades travel keyed by student, so they
 * arrive in order, and a redelivery or a replay of an older revision changes nothing. True when kept.
 */
export async function keepAssignmentGrade(
  trx: Knex.Transaction,
  grade: AssignmentGrade & { studentId: string; courseId: string; revision: number; gradedAt: Date },
): Promise<boolean> {
  const kept = await trx.raw(
    `insert into assignment_grades (student_id, assignment_id, course_id, lesson_id, percent, passed, revision, graded_at)
     values (?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (student_id, assignment_id) do update set percent = excluded.percent, passed = excluded.passed,
       revision = excluded.revision, graded_at = excluded.graded_at, lesson_id = excluded.lesson_id
     where assignment_grades.revision < excluded.revision
     returning assignment_id`,
    [grade.studentId, grade.assignmentId, grade.courseId, grade.lessonId, grade.percent, grade.passed, grade.revision, grade.gradedAt],
  );
  return (kept as { rows: unknown[] }).rows.length > 0;
}

export async function assignmentGradesOf(db: Db, studentId: string, courseId: string): Promise<AssignmentGrade[]> {
  const rows = (await db('assignment_grades').where({ student_id: studentId, course_id: courseId }).orderBy('assignment_id')) as {
    assignment_id: string;
    lesson_id: string;
    percent: number;
    passed: boolean;
  }[];
  return rows.map((row) => ({ assignmentId: row.assignment_id, lessonId: row.lesson_id, percent: Number(row.percent), passed: row.passed }));
}
