import type { EnrollmentStatus } from '@smartcourse/contracts';
import { AppError, type Knex } from '@smartcourse/platform';
import type { Enrollment, Visit } from './rules.js';

type Db = Knex | Knex.Transaction;

interface EnrollmentRow {
  id: string;
  student_id: string;
  course_id: string;
  status: EnrollmentStatus;
  completed_lesson_ids: string[];
  percent: number;
  required_lesson_count: number;
  completed_required_count: number;
  current_lesson_id: string | null;
  last_accessed_at: Date | null;
  /** bigint: node-postgres reads it as a string. */
  time_spent_seconds: string | number;
  enrolled_at: Date;
  completed_at: Date | null;
  score_percent: number | null;
  order_id: string | null;
  refunded_at: Date | null;
  version: number;
  updated_at: Date;
}

const enrollmentOf = (row: EnrollmentRow): Enrollment => ({
  id: row.id,
  studentId: row.student_id,
  courseId: row.course_id,
  status: row.status,
  completedLessonIds: row.completed_lesson_ids,
  percent: row.percent,
  requiredLessonCount: row.required_lesson_count,
  completedRequiredCount: row.completed_required_count,
  currentLessonId: row.current_lesson_id,
  lastAccessedAt: row.last_accessed_at,
  timeSpentSeconds: Number(row.time_spent_seconds),
  enrolledAt: row.enrolled_at,
  completedAt: row.completed_at,
  scorePercent: row.score_percent,
  orderId: row.order_id,
  refundedAt: row.refunded_at,
  version: row.version,
  updatedAt: row.updated_at,
});

/** One enrollment; `forUpdate` locks its row until the transaction ends (every change does). */
export async function findEnrollment(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<Enrollment | undefined> {
  const query = db('enrollments').where({ id });
  const row = (await (options.forUpdate ? query.forUpdate() : query).first()) as EnrollmentRow | undefined;
  return row && enrollmentOf(row);
}

/** A new active enrollment at version 1 (bought by `orderId`, if any); a concurrent enroll of the same student and course refuses. */
export async function insertEnrollment(
  trx: Knex.Transaction,
  fields: { id: string; studentId: string; courseId: string; at: Date; orderId?: string | null },
): Promise<Enrollment> {
  const rows = (await trx('enrollments')
    .insert({
      id: fields.id,
      student_id: fields.studentId,
      course_id: fields.courseId,
      order_id: fields.orderId ?? null,
      status: 'active',
      enrolled_at: fields.at,
      version: 1,
      updated_at: fields.at,
    })
    .onConflict(['student_id', 'course_id'])
    .ignore()
    .returning('*')) as EnrollmentRow[];
  const row = rows[0];
  if (!row) throw new AppError({ code: 'ALREADY_ENROLLED', message: 'You are already enrolled in this course.' });
  return enrollmentOf(row);
}

/**
 * A new status at the next version. Reactivating names the order that bought it (null: the
 * student enrolled themselves); a refund records when.
 */
export async function setStatus(
  trx: Knex.Transaction,
  enrollment: Enrollment,
  status: EnrollmentStatus,
  purchase: { orderId?: string | null; refundedAt?: Date } = {},
): Promise<Enrollment> {
  const rows = (await trx('enrollments')
    .where({ id: enrollment.id })
    .update({
      status,
      version: enrollment.version + 1,
      updated_at: trx.fn.now(),
      ...(purchase.orderId !== undefined ? { order_id: purchase.orderId, refunded_at: null } : {}),
      ...(purchase.refundedAt ? { refunded_at: purchase.refundedAt } : {}),
    })
    .returning('*')) as EnrollmentRow[];
  return enrollmentOf(rows[0]!);
}

/** The progress figures and the status they lead to, with the version after the events they produce. */
export async function saveProgress(
  trx: Knex.Transaction,
  id: string,
  progress: Pick<
    Enrollment,
    'status' | 'completedLessonIds' | 'percent' | 'requiredLessonCount' | 'completedRequiredCount' | 'completedAt' | 'scorePercent' | 'version'
  >,
): Promise<void> {
  await trx('enrollments')
    .where({ id })
    .update({
      status: progress.status,
      completed_lesson_ids: JSON.stringify(progress.completedLessonIds),
      percent: progress.percent,
      required_lesson_count: progress.requiredLessonCount,
      completed_required_count: progress.completedRequiredCount,
      completed_at: progress.completedAt,
      score_percent: progress.scorePercent,
      version: progress.version,
      updated_at: trx.fn.now(),
    });
}

/** A visit: no event, so no new version. */
export async function recordVisit(trx: Knex.Transaction, id: string, visit: Visit): Promise<void> {
  await trx('enrollments')
    .where({ id })
    .update({
      current_lesson_id: visit.lessonId,
      last_accessed_at: visit.at,
      time_spent_seconds: trx.raw('time_spent_seconds + ?', [visit.secondsSpent]),
      updated_at: trx.fn.now(),
    });
}

/** The course's enrollment rows, locked, in id order (two structure changes of one course never cross). */
export async function courseEnrollmentsForUpdate(trx: Knex.Transaction, courseId: string): Promise<Enrollment[]> {
  const rows = (await trx('enrollments').where({ course_id: courseId }).orderBy('id').forUpdate()) as EnrollmentRow[];
  return rows.map(enrollmentOf);
}

export interface Page {
  page: number;
  per_page: number;
  status?: EnrollmentStatus | undefined;
}

async function listWhere(db: Db, where: Record<string, string>, page: Page): Promise<{ entries: Enrollment[]; total: number }> {
  const base = db('enrollments').where(where);
  if (page.status) base.andWhere({ status: page.status });
  const [rows, count] = await Promise.all([
    base
      .clone()
      .orderBy([{ column: 'enrolled_at', order: 'desc' }, { column: 'id' }])
      .limit(page.per_page)
      .offset((page.page - 1) * page.per_page) as Promise<EnrollmentRow[]>,
    base.clone().count<{ count: string }[]>('* as count'),
  ]);
  return { entries: rows.map(enrollmentOf), total: Number(count[0]?.count ?? 0) };
}

/** The student's enrollments, newest first. */
export const listOfStudent = (db: Db, studentId: string, page: Page) => listWhere(db, { student_id: studentId }, page);

/** The course's roster, newest first. */
export const listOfCourse = (db: Db, courseId: string, page: Page) => listWhere(db, { course_id: courseId }, page);

/** Keeps a refunded order (a redelivery keeps it once); true when it was not kept before. */
export async function keepRefundedOrder(
  trx: Knex.Transaction,
  refund: { orderId: string; studentId: string; courseId: string; refundedAt: Date },
): Promise<boolean> {
  const rows = await trx('order_refunds')
    .insert({ order_id: refund.orderId, student_id: refund.studentId, course_id: refund.courseId, refunded_at: refund.refundedAt })
    .onConflict('order_id')
    .ignore()
    .returning('order_id');
  return rows.length > 0;
}

export async function isRefundedOrder(db: Db, orderId: string): Promise<boolean> {
  return (await db('order_refunds').where({ order_id: orderId }).first()) !== undefined;
}
