import type { Response } from 'express';
import { Router } from 'express';
import { CourseGradebookCsvEndpoint, CourseGradebookEndpoint, EnrollmentGradesEndpoint, type GradebookColumn } from '@smartcourse/contracts';
import { actorOf, forbidden, notFound, pageMeta, serveEndpoint, type Actor, type Knex } from '@smartcourse/platform';
import { teaches, type CourseReplica } from '../courses/rules.js';
import { findCourse } from '../courses/store.js';
import { mayRead } from '../enrollments/rules.js';
import { findEnrollment } from '../enrollments/store.js';
import { csvHeader, csvRow, gradebookRow, type GradebookEnrollment } from './rules.js';
import { gradebookColumns, gradebookEnrollmentsAfter, gradebookPage, gradesOfStudents } from './store.js';

/** How many students the CSV reads at a time. */
const CSV_BATCH = 500;

/** The gradebook's reads for the gateway: a course's page, its CSV file, and one enrollment's row. */
export function gradebookRoutes(deps: { db: Knex }): Router {
  const router = Router();
  const { db } = deps;

  async function taughtCourse(courseId: string, actor: Actor): Promise<CourseReplica> {
    const course = await findCourse(db, courseId);
    if (!course) throw notFound('COURSE_NOT_FOUND', 'No such course.');
    if (!teaches(course, actor)) throw forbidden("Only the course's instructor and admins see its gradebook.");
    return course;
  }

  async function rowsOf(trx: Knex | Knex.Transaction, courseId: string, columns: readonly GradebookColumn[], enrollments: readonly GradebookEnrollment[]) {
    const grades = await gradesOfStudents(
      trx,
      courseId,
      enrollments.map((enrollment) => enrollment.studentId),
    );
    return enrollments.map((enrollment) => gradebookRow(enrollment, columns, grades.get(enrollment.studentId) ?? new Map()));
  }

  serveEndpoint(router, CourseGradebookEndpoint, async ({ params: { courseId }, query }, res) => {
    const course = await taughtCourse(courseId, actorOf(res));
    const [columns, { entries, total }] = await Promise.all([gradebookColumns(db, courseId), gradebookPage(db, courseId, query)]);
    res.json({
      data: { courseId, courseTitle: course.title, columns, rows: await rowsOf(db, courseId, columns, entries) },
      meta: pageMeta(query.page, query.per_page, total),
    });
  });

  /**
   * The whole course, one batch of students at a time, in one read-only snapshot (the file is
   * consistent even while grades arrive). An error after the first bytes can no longer become an
   * error answer: the response is cut, so the client never takes a partial file for a whole one.
   */
  serveEndpoint(router, CourseGradebookCsvEndpoint, async ({ params: { courseId } }, res) => {
    await taughtCourse(courseId, actorOf(res));
    await db.transaction(
      async (trx) => {
        const columns = await gradebookColumns(trx, courseId);
        let batch = await gradebookEnrollmentsAfter(trx, courseId, null, CSV_BATCH);
        res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="gradebook-${courseId}.csv"`);
        try {
          await send(res, csvHeader(columns));
          while (batch.length > 0) {
            const rows = await rowsOf(trx, courseId, columns, batch);
            await send(res, rows.map((row) => csvRow(row, columns)).join(''));
            batch = batch.length < CSV_BATCH ? [] : await gradebookEnrollmentsAfter(trx, courseId, batch[batch.length - 1]!, CSV_BATCH);
          }
          res.end();
        } catch (error) {
          cut(res, error);
          throw error;
        }
      },
      { isolationLevel: 'repeatable read', readOnly: true },
    );
  });

  serveEndpoint(router, EnrollmentGradesEndpoint, async ({ params: { enrollmentId } }, res) => {
    const actor = actorOf(res);
    const enrollment = await findEnrollment(db, enrollmentId);
    const course = enrollment && (await findCourse(db, enrollment.courseId));
    if (!enrollment || !mayRead(enrollment, course?.instructorId, actor)) throw notFound('ENROLLMENT_NOT_FOUND', 'No such enrollment.');
    const columns = await gradebookColumns(db, enrollment.courseId);
    const [row] = await rowsOf(db, enrollment.courseId, columns, [enrollment]);
    res.json({ data: { courseId: enrollment.courseId, courseTitle: course?.title ?? null, columns, row } });
  });

  return router;
}

/** Writes a chunk, waiting while the connection's buffer is full, so a large course is not held in memory. */
async function send(res: Response, chunk: string): Promise<void> {
  if (res.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const drained = () => {
      res.off('close', closed);
      resolve();
    };
    const closed = () => {
      res.off('drain', drained);
      reject(new Error('the client closed the connection during the CSV'));
    };
    res.once('drain', drained);
    res.once('close', closed);
  });
}

function cut(res: Response, error: unknown): void {
  res.destroy(error instanceof Error ? error : new Error(String(error)));
}
