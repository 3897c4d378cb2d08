import type { Knex } from '@smartcourse/platform';

type Db = Knex | Knex.Transaction;

/** A buyer's enrollment in a course, as far as payments care: whether it is on, and how far it got. */
export interface Enrollment {
  enrollmentId: string;
  status: string;
  percent: number;
}

/** Keeps an enrollment's status unless a newer version was kept (events may come late or twice). */
export async function keepEnrollmentStatus(
  db: Db,
  fact: { enrollmentId: string; studentId: string; courseId: string; status: string; version: number },
): Promise<void> {
  await db.raw(
    `insert into enrollments (student_id, course_id, enrollment_id, status, version) values (?, ?, ?, ?, ?)
     on conflict (student_id, course_id) do update set enrollment_id = excluded.enrollment_id, status = excluded.status, version = excluded.version
     where enrollments.version < excluded.version`,
    [fact.studentId, fact.courseId, fact.enrollmentId, fact.status, fact.version],
  );
}

/**
 * Progress only grows here: the highest percent a completion reported. A completion that comes
 * before its enrollment's status (another topic) holds version 0, so that any status event wins
 * whatever the order: live and replayed, the row ends the same.
 */
export async function keepPercent(db: Db, fact: { enrollmentId: string; studentId: string; courseId: string; percent: number }): Promise<void> {
  await db.raw(
    `insert into enrollments (student_id, course_id, enrollment_id, status, version, percent) values (?, ?, ?, 'active', 0, ?)
     on conflict (student_id, course_id) do update set percent = greatest(enrollments.percent, excluded.percent)`,
    [fact.studentId, fact.courseId, fact.enrollmentId, fact.percent],
  );
}

export async function findEnrollment(db: Db, studentId: string, courseId: string): Promise<Enrollment | undefined> {
  const row = (await db('enrollments').where({ student_id: studentId, course_id: courseId }).first()) as
    { enrollment_id: string; status: string; percent: number } | undefined;
  return row && { enrollmentId: row.enrollment_id, status: row.status, percent: row.percent };
}
