import type { InstructorReport } from '@smartcourse/contracts';
import type { Knex } from '@smartcourse/platform';
import type { ReportRow } from './csv.js';
import { courseFigures, figureRows } from './figures.js';
import { periodBindings, type Period } from './period.js';

type Db = Knex | Knex.Transaction;

/** The instructor's own courses (not deleted), each with the course report's summary; per-day series and drop-off are the course report's. */
export async function instructorReport(db: Db, instructorId: string, period: Period): Promise<InstructorReport> {
  const courses = (await db('courses')
    .where({ instructor_id: instructorId })
    .whereNot({ status: 'deleted' })
    .orderByRaw('title nulls last, course_id')
    .select('course_id', 'title', 'status')) as { course_id: string; title: string | null; status: string }[];
  const figures =
    courses.length > 0
      ? await courseFigures(
          db,
          courses.map((course) => course.course_id),
          period,
        )
      : new Map();
  return {
    instructorId,
    range: periodBindings(period),
    courses: courses.map((course) => ({ courseId: course.course_id, courseTitle: course.title, status: course.status, ...figures.get(course.course_id)! })),
  };
}

/** The instructor's report as CSV rows: section `course`, each course's summary under its id and title. */
export const instructorReportRows = (report: InstructorReport): ReportRow[] =>
  report.courses.flatMap((course) => figureRows('course', course, { subject: course.courseId, label: course.courseTitle }));
