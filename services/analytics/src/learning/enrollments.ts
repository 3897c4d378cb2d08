import { enrollmentIdOf } from '@smartcourse/contracts';
import type { Knex } from '@smartcourse/platform';

type Db = Knex | Knex.Transaction;

export interface EnrollmentFact {
  enrollmentId: string;
  studentId: string;
  courseId: string;
  version: number;
}

/**
 * An enrollment's status from a status event: the one with the highest version wins (the topics
 * are read in any order by a rebuild). `enrolledAt` and `completedAt` are kept whatever the order.
 */
export async function keepEnrollmentStatus(db: Db, fact: EnrollmentFact & { status: string; at: Date; enrolledAt?: Date; completedAt?: Date }): Promise<void> {
  await db.raw(
    `insert into enrollments (enrollment_id, student_id, course_id, status, version, enrolled_at, completed_at, last_activity_at)
       values (?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (enrollment_id) do update set
       status = case when enrollments.version < excluded.version then excluded.status else enrollments.status end,
       version = greatest(enrollments.version, excluded.version),
       enrolled_at = coalesce(enrollments.enrolled_at, excluded.enrolled_at),
       completed_at = coalesce(enrollments.completed_at, excluded.completed_at),
       last_activity_at = greatest(enrollments.last_activity_at, excluded.last_activity_at)`,
    [fact.enrollmentId, fact.studentId, fact.courseId, fact.status, fact.version, fact.enrolledAt ?? null, fact.completedAt ?? null, fact.at],
  );
}

/**
 * A lesson completed: the row that proves it once, the lesson's count of learners grown only when
 * that row is new, the enrollment's highest percent and last activity. Version 0 for an enrollment
 * first met here: any status event outranks it.
 */
export async function keepLessonCompleted(db: Db, fact: EnrollmentFact & { lessonId: string; percent: number; completedAt: Date }): Promise<void> {
  const inserted = await db.raw<{ rowCount: number }>(
    `insert into lesson_completions (enrollment_id, lesson_id, course_id, completed_at) values (?, ?, ?, ?) on conflict do nothing`,
    [fact.enrollmentId, fact.lessonId, fact.courseId, fact.completedAt],
  );
  if (inserted.rowCount > 0) {
    await db.raw(
      `insert into lesson_learners (course_id, lesson_id, learners) values (?, ?, 1)
       on conflict (course_id, lesson_id) do update set learners = lesson_learners.learners + 1`,
      [fact.courseId, fact.lessonId],
    );
  }
  await db.raw(
    `insert into enrollments (enrollment_id, student_id, course_id, status, version, percent, last_activity_at) values (?, ?, ?, 'active', 0, ?, ?)
     on conflict (enrollment_id) do update set
       percent = greatest(enrollments.percent, excluded.percent),
       last_activity_at = greatest(enrollments.last_activity_at, excluded.last_activity_at)`,
    [fact.enrollmentId, fact.studentId, fact.courseId, fact.percent, fact.completedAt],
  );
}

/**
 * A graded quiz or assignment counts as activity in the student's enrollment in that course (its
 * id is derived from the two): met before the enrollment's own events, the row waits for them.
 */
export async function touchEnrollment(db: Db, fact: { studentId: string; courseId: string; at: Date }): Promise<void> {
  await db.raw(
    `insert into enrollments (enrollment_id, student_id, course_id, status, version, last_activity_at) values (?, ?, ?, 'active', 0, ?)
     on conflict (enrollment_id) do update set last_activity_at = greatest(enrollments.last_activity_at, excluded.last_activity_at)`,
    [enrollmentIdOf(fact.studentId, fact.courseId), fact.studentId, fact.courseId, fact.at],
  );
}
