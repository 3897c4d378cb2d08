import { Router, type Response } from 'express';
import { CourseReportEndpoint, InstructorReportEndpoint, OverviewReportEndpoint, UserActivityEndpoint } from '@smartcourse/contracts';
import { actorOf, forbidden, notFound, pageMeta, serveEndpoint, type Knex } from '@smartcourse/platform';
import { timelineCsv, timelineOf } from './activity.js';
import { courseReport, courseReportRows, findReportedCourse } from './course.js';
import { reportCsv } from './csv.js';
import { instructorReport, instructorReportRows } from './instructor.js';
import { overviewReport, overviewRows } from './overview.js';

/** Answers a CSV file as an attachment named `filename`. */
function sendCsv(res: Response, filename: string, csv: string): void {
  res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(csv);
}

/** The reports of DOMAIN.md §9, each as JSON or, for `format=csv`, a CSV file. */
export function reportRoutes(deps: { db: Knex }): Router {
  const router = Router();
  const { db } = deps;

  serveEndpoint(router, CourseReportEndpoint, async ({ params: { courseId }, query }, res) => {
    const actor = actorOf(res);
    const course = await findReportedCourse(db, courseId);
    if (!course) throw notFound('COURSE_NOT_FOUND', 'No such course.');
    if (actor.role !== 'admin' && course.instructorId !== actor.userId) throw forbidden("Only the course's instructor and admins see its report.");
    const report = await courseReport(db, course, query);
    if (query.format === 'csv') sendCsv(res, `course-${courseId}-${query.from}-${query.to}.csv`, reportCsv(courseReportRows(report)));
    else res.json({ data: report });
  });

  serveEndpoint(router, InstructorReportEndpoint, async ({ query }, res) => {
    const actor = actorOf(res);
    if (actor.role !== 'instructor') throw forbidden('The instructor report is an instructor’s own.');
    const report = await instructorReport(db, actor.userId, query);
    if (query.format === 'csv') sendCsv(res, `instructor-${query.from}-${query.to}.csv`, reportCsv(instructorReportRows(report)));
    else res.json({ data: report });
  });

  serveEndpoint(router, OverviewReportEndpoint, async ({ query }, res) => {
    if (actorOf(res).role !== 'admin') throw forbidden('The overview is for admins.');
    const report = await overviewReport(db, query);
    if (query.format === 'csv') sendCsv(res, `overview-${query.from}-${query.to}.csv`, reportCsv(overviewRows(report)));
    else res.json({ data: report });
  });

  serveEndpoint(router, UserActivityEndpoint, async ({ params: { userId }, query }, res) => {
    const actor = actorOf(res);
    if (actor.role !== 'admin' && actor.userId !== userId) throw forbidden('A timeline is its person’s own, and admins’.');
    if (query.format === 'csv') {
      // The whole timeline: a file is not paged.
      sendCsv(res, `activity-${userId}.csv`, timelineCsv((await timelineOf(db, userId)).entries));
      return;
    }
    const { entries, total } = await timelineOf(db, userId, { offset: (query.page - 1) * query.per_page, limit: query.per_page });
    res.json({ data: entries, meta: pageMeta(query.page, query.per_page, total) });
  });

  return router;
}
