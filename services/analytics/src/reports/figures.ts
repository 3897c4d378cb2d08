import type { CourseReport } from '@smartcourse/contracts';
import type { Knex } from '@smartcourse/platform';
import type { ReportRow } from './csv.js';
import { moneyRows, moneySums } from './money.js';
import { BOUNDS, numeric, periodBindings, ratio, type Period } from './period.js';

type Db = Knex | Knex.Transaction;

/** The summary of one course: what the course report and the instructor's report share. */
export type CourseFigures = Pick<
  CourseReport,
  | 'enrollments'
  | 'enrollmentsInRange'
  | 'activeLearners'
  | 'completions'
  | 'completionRate'
  | 'meanProgressPercent'
  | 'meanQuizGradePercent'
  | 'meanAssignmentGradePercent'
  | 'medianSecondsToComplete'
  | 'revenue'
  | 'refunds'
>;

interface EnrollmentLine {
  course_id: string;
  enrollments: string;
  in_range: string;
  active_7: string;
  active_30: string;
  completions: string;
  mean_progress: string | null;
  median_seconds: number | null;
}

/** A Postgres array literal of uuids (knex would expand a JS array into a list). */
const uuidArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

/**
 * The summary of each of `courseIds`, in a few set-based queries run side by side. An enrollment
 * counts once it has its `enrolled_at` (a grade may create the row before it); completion,
 * progress, grades and the median are to date, enrollments in range and money within the period.
 */
export async function courseFigures(db: Db, courseIds: readonly string[], period: Period): Promise<Map<string, CourseFigures>> {
  const bindings = { ...periodBindings(period), courses: uuidArray(courseIds) };
  const [enrollments, grades, revenue, refunds] = await Promise.all([
    db.raw(
      `with ${BOUNDS}
       select e.course_id, count(*) as enrollments,
         count(*) filter (where e.enrolled_at >= b.start and e.enrolled_at < b.stop) as in_range,
         count(*) filter (where e.last_activity_at >= now() - interval '7 days') as active_7,
         count(*) filter (where e.last_activity_at >= now() - interval '30 days') as active_30,
         count(e.completed_at) as completions,
         round(avg(e.percent), 2) as mean_progress,
         percentile_cont(0.5) within group (order by extract(epoch from e.completed_at - e.enrolled_at)) as median_seconds
       from enrollments e cross join bounds b
       where e.course_id = any(:courses::uuid[]) and e.enrolled_at is not null
       group by e.course_id`,
      bindings,
    ) as Promise<{ rows: EnrollmentLine[] }>,
    db.raw(
      `select course_id, kind, round(avg(percent), 2) as mean from grades where course_id = any(:courses::uuid[]) group by course_id, kind`,
      bindings,
    ) as Promise<{ rows: { course_id: string; kind: string; mean: string }[] }>,
    moneyOf(db, 'orders', 'paid_at', bindings),
    moneyOf(db, 'refunds', 'refunded_at', bindings),
  ]);
  const figures = new Map<string, CourseFigures>();
  for (const courseId of courseIds) {
    const line = enrollments.rows.find((row) => row.course_id === courseId);
    const total = Number(line?.enrollments ?? 0);
    const completions = Number(line?.completions ?? 0);
    const mean = (kind: string) => numeric(grades.rows.find((row) => row.course_id === courseId && row.kind === kind)?.mean ?? null);
    figures.set(courseId, {
      enrollments: total,
      enrollmentsInRange: Number(line?.in_range ?? 0),
      activeLearners: { last7Days: Number(line?.active_7 ?? 0), last30Days: Number(line?.active_30 ?? 0) },
      completions,
      completionRate: ratio(completions, total),
      meanProgressPercent: numeric(line?.mean_progress ?? null),
      meanQuizGradePercent: mean('quiz'),
      meanAssignmentGradePercent: mean('assignment'),
      medianSecondsToComplete: line?.median_seconds ?? null,
      revenue: moneySums(revenue.filter((row) => row.course_id === courseId)),
      refunds: moneySums(refunds.filter((row) => row.course_id === courseId)),
    });
  }
  return figures;
}

/** Sums of one money table per course and currency within the period. */
async function moneyOf(db: Db, table: 'orders' | 'refunds', at: 'paid_at' | 'refunded_at', bindings: Record<string, string>) {
  const { rows } = (await db.raw(
    `with ${BOUNDS}
     select t.course_id, t.currency, sum(t.amount_cents) as cents from ${table} t cross join bounds b
     where t.course_id = any(:courses::uuid[]) and t.${at} >= b.start and t.${at} < b.stop
     group by t.course_id, t.currency order by t.currency`,
    bindings,
  )) as { rows: { course_id: string; currency: string; cents: string }[] };
  return rows;
}

/** A course's summary as CSV rows of `section`, about the course (`subject`, `label`) in the instructor's report. */
export function figureRows(section: string, figures: CourseFigures, about: { subject?: string; label?: string | null } = {}): ReportRow[] {
  const row = (metric: string, value: number | null): ReportRow => ({ section, ...about, metric, value });
  return [
    row('enrollments', figures.enrollments),
    row('enrollments_in_range', figures.enrollmentsInRange),
    row('active_learners_7_days', figures.activeLearners.last7Days),
    row('active_learners_30_days', figures.activeLearners.last30Days),
    row('completions', figures.completions),
    row('completion_rate', figures.completionRate),
    row('mean_progress_percent', figures.meanProgressPercent),
    row('mean_quiz_grade_percent', figures.meanQuizGradePercent),
    row('mean_assignment_grade_percent', figures.meanAssignmentGradePercent),
    row('median_seconds_to_complete', figures.medianSecondsToComplete),
    ...moneyRows({ section, ...about }, 'revenue', figures.revenue),
    ...moneyRows({ section, ...about }, 'refunds', figures.refunds),
  ];
}
