import type { CourseReport } from '@smartcourse/contracts';
import type { Knex } from '@smartcourse/platform';
import type { ReportRow } from './csv.js';
import { courseFigures, figureRows } from './figures.js';
import { BOUNDS, DAYS, periodBindings, ratio, type Period } from './period.js';

type Db = Knex | Knex.Transaction;

/** What the access rule needs of a course: who teaches it. */
export interface ReportedCourse {
  courseId: string;
  title: string | null;
  instructorId: string | null;
}

export async function findReportedCourse(db: Db, courseId: string): Promise<ReportedCourse | undefined> {
  const row = (await db('courses').where({ course_id: courseId }).first('course_id', 'title', 'instructor_id')) as
    { course_id: string; title: string | null; instructor_id: string | null } | undefined;
  return row && { courseId: row.course_id, title: row.title, instructorId: row.instructor_id };
}

/** The course report: its summary, enrollments per day of the period in the caller's zone, and drop-off per lesson in outline order. */
export async function courseReport(db: Db, course: ReportedCourse, period: Period): Promise<CourseReport> {
  const bindings = { ...periodBindings(period), course: course.courseId };
  const [figures, perDay, lessons] = await Promise.all([
    courseFigures(db, [course.courseId], period),
    db.raw(
      `with ${BOUNDS}, ${DAYS},
       counted as (
         select (e.enrolled_at at time zone :tz)::date as day, count(*) as enrollments
         from enrollments e cross join bounds b
         where e.course_id = :course and e.enrolled_at >= b.start and e.enrolled_at < b.stop
         group by 1)
       select to_char(days.day, 'YYYY-MM-DD') as date, coalesce(counted.enrollments, 0) as enrollments
       from days left join counted on counted.day = days.day order by days.day`,
      bindings,
    ) as Promise<{ rows: { date: string; enrollments: string }[] }>,
    db.raw(
      `select l.position, l.lesson->>'lessonId' as lesson_id, coalesce(l.lesson->>'title', '') as title, coalesce(ll.learners, 0) as learners
       from courses c cross join lateral jsonb_array_elements(c.lessons) with ordinality as l(lesson, position)
       left join lesson_learners ll on ll.course_id = c.course_id and ll.lesson_id = (l.lesson->>'lessonId')::uuid
       where c.course_id = :course order by l.position`,
      bindings,
    ) as Promise<{ rows: { position: string; lesson_id: string; title: string; learners: number }[] }>,
  ]);
  const summary = figures.get(course.courseId)!;
  return {
    courseId: course.courseId,
    courseTitle: course.title,
    range: periodBindings(period),
    ...summary,
    enrollmentsPerDay: perDay.rows.map((row) => ({ date: row.date, enrollments: Number(row.enrollments) })),
    dropOff: lessons.rows.map((row) => ({
      position: Number(row.position),
      lessonId: row.lesson_id,
      title: row.title,
      learners: row.learners,
      share: ratio(row.learners, summary.enrollments),
    })),
  };
}

/** The course report as CSV rows: `summary`, `enrollments_per_day` (one row a day) and `drop_off` (two rows a lesson). */
export function courseReportRows(report: CourseReport): ReportRow[] {
  return [
    ...figureRows('summary', report, { subject: report.courseId, label: report.courseTitle }),
    ...report.enrollmentsPerDay.map((day) => ({ section: 'enrollments_per_day', date: day.date, metric: 'enrollments', value: day.enrollments })),
    ...report.dropOff.flatMap((lesson) => [
      { section: 'drop_off', subject: lesson.lessonId, label: `${lesson.position}. ${lesson.title}`, metric: 'learners', value: lesson.learners },
      { section: 'drop_off', subject: lesson.lessonId, label: `${lesson.position}. ${lesson.title}`, metric: 'share', value: lesson.share },
    ]),
  ];
}
