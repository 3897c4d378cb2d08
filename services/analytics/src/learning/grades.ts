import type { Knex } from '@smartcourse/platform';

type Db = Knex | Knex.Transaction;

/** A student's grade for a quiz or an assignment: the latest grading wins (a regrade, a better attempt). */
export async function keepGrade(
  db: Db,
  grade: { kind: 'quiz' | 'assignment'; itemId: string; studentId: string; courseId: string; percent: number; passed: boolean; gradedAt: Date },
): Promise<void> {
  await db.raw(
    `insert into grades (kind, item_id, student_id, course_id, percent, passed, graded_at) values (?, ?, ?, ?, ?, ?, ?)
     on conflict (kind, item_id, student_id) do update set percent = excluded.percent, passed = excluded.passed, graded_at = excluded.graded_at
     where grades.graded_at <= excluded.graded_at`,
    [grade.kind, grade.itemId, grade.studentId, grade.courseId, grade.percent, grade.passed, grade.gradedAt],
  );
}
