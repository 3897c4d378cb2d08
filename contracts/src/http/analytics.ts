import { z } from 'zod';
import { PageMeta } from './admin.js';
import { Role } from './users.js';

/**
 * The analytics reports (DOMAIN.md §9): their queries and bodies, shared by the gateway and the
 * analytics service. Days are calendar days in the caller's time zone; money is integer minor
 * units with its currency, and `amount` the same sum as people read it.
 */

/** The longest range a report covers, in days (a leap year). */
export const MAX_REPORT_DAYS = 366;
/** The range a report covers when the caller names none: the last 30 days, today included. */
export const DEFAULT_REPORT_DAYS = 30;

export const reportFormats = ['json', 'csv'] as const;
const format = z
  .enum(reportFormats)
  .optional()
  .describe('`csv` answers the report as a CSV file; unset, the gateway chooses by `Accept` (`text/csv` or JSON).');

const DAY_MS = 86_400_000;

/** The day `days` after `day` (both YYYY-MM-DD). */
export const addDays = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** Days from `from` to `to`, both included. */
export const daysIn = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

/** The calendar day of `at` in the zone, YYYY-MM-DD. */
export const dayIn = (at: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

/**
 * An IANA zone name (`Europe/Paris`, `UTC`) as Intl knows it. Offsets (`+05:30`) are refused:
 * Intl reads them one way and Postgres, as POSIX zones, the other.
 */
export const TimeZone = z
  .string()
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/, 'an IANA time zone name, e.g. Europe/Paris')
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'an IANA time zone name, e.g. Europe/Paris' },
  );

const day = z.iso.date();

/**
 * A report's range: `from` and `to` (inclusive days in `tz`), by default the last 30 days
 * (today in `tz` the last); `to` before `from` or a range over 366 days is refused with the
 * field named. `now` is a parameter so the default is testable; the routes use the clock.
 */
export function reportQuery(now: () => Date = () => new Date()) {
  return z
    .strictObject({
      from: day.optional().describe(`First day, inclusive, in \`tz\`; default: ${DEFAULT_REPORT_DAYS - 1} days before \`to\`.`),
      to: day.optional().describe(`Last day, inclusive, in \`tz\`; default: today in \`tz\`, or with \`from\` alone ${DEFAULT_REPORT_DAYS - 1} days after it.`),
      tz: TimeZone.default('UTC').describe('The IANA time zone whose calendar days the per-day series count in; default UTC.'),
      format,
    })
    .transform((query, ctx) => {
      const to = query.to ?? (query.from ? addDays(query.from, DEFAULT_REPORT_DAYS - 1) : dayIn(now(), query.tz));
      const from = query.from ?? addDays(to, -(DEFAULT_REPORT_DAYS - 1));
      if (to < from) {
        ctx.issues.push({ code: 'custom', path: ['to'], message: '`to` is before `from`.', input: query.to });
        return z.NEVER;
      }
      if (daysIn(from, to) > MAX_REPORT_DAYS) {
        ctx.issues.push({ code: 'custom', path: ['to'], message: `A report covers at most ${MAX_REPORT_DAYS} days.`, input: query.to });
        return z.NEVER;
      }
      return { from, to, tz: query.tz, ...(query.format ? { format: query.format } : {}) };
    });
}

export const ReportQuery = reportQuery();
export type ReportQuery = z.output<typeof ReportQuery>;

export const ActivityQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
  format,
});
export type ActivityQuery = z.output<typeof ActivityQuery>;

export const CourseReportParams = z.strictObject({ courseId: z.uuid() });
export const UserActivityParams = z.strictObject({ userId: z.uuid() });

const cents = z.number().int().describe('Minor units of the currency (cents), never a float.');
const currency = z.string().regex(/^[A-Z]{3}$/);

/** A sum of money in one currency: amounts in different currencies are never added. */
export const MoneySum = z.object({
  currency,
  amountCents: cents,
  amount: z.string().describe('The same sum as people read it, e.g. `$19.99`.'),
});
export type MoneySum = z.infer<typeof MoneySum>;

const Range = z.object({ from: day, to: day, tz: z.string() });
const ratio = z.number().min(0).max(1).describe('A share from 0 to 1, rounded to 4 decimals.');
const ActiveCounts = z.object({
  last7Days: z.number().int().describe('Active in the last 7 days (up to now).'),
  last30Days: z.number().int().describe('Active in the last 30 days (up to now).'),
});

/** The numbers of one course that do not depend on the range: its enrollments to date. */
const CourseFigures = z.object({
  enrollments: z.number().int().describe('Enrollments to date (whatever their status since).'),
  enrollmentsInRange: z.number().int().describe('Enrollments made in the range.'),
  activeLearners: ActiveCounts.describe('Enrolled learners with learning activity (a lesson, a grade) in the last 7 and 30 days.'),
  completions: z.number().int().describe('Enrollments completed, to date.'),
  completionRate: ratio.describe('completions / enrollments; 0 without enrollments.'),
  meanProgressPercent: z.number().nullable().describe('Mean progress of the enrollments, 0–100, 2 decimals; null without enrollments.'),
  meanQuizGradePercent: z.number().nullable().describe("Mean of the students' quiz grades (their latest), 2 decimals; null without any."),
  meanAssignmentGradePercent: z.number().nullable().describe("Mean of the students' assignment grades (their latest), 2 decimals; null without any."),
  medianSecondsToComplete: z.number().nullable().describe('Median of completion time − enrollment time, in seconds; null without completions.'),
  revenue: z.array(MoneySum).describe('Orders paid in the range, one line per currency.'),
  refunds: z.array(MoneySum).describe('Refunds made in the range, one line per currency.'),
});

export const LessonDropOff = z.object({
  position: z.number().int().describe('1-based, in outline order.'),
  lessonId: z.uuid(),
  title: z.string(),
  learners: z.number().int().describe('Learners who completed the lesson.'),
  share: ratio.describe('learners / the enrollments of the course; 0 without enrollments.'),
});

export const CourseReport = CourseFigures.extend({
  courseId: z.uuid(),
  courseTitle: z.string().nullable(),
  range: Range,
  enrollmentsPerDay: z.array(z.object({ date: day, enrollments: z.number().int() })).describe('Every day of the range, in `tz`, zero days included.'),
  dropOff: z.array(LessonDropOff).describe('Each lesson of the outline, in order.'),
});
export type CourseReport = z.infer<typeof CourseReport>;

export const InstructorReport = z.object({
  instructorId: z.uuid(),
  range: Range,
  courses: z
    .array(CourseFigures.extend({ courseId: z.uuid(), courseTitle: z.string().nullable(), status: z.string() }))
    .describe('Each course taught, by title.'),
});
export type InstructorReport = z.infer<typeof InstructorReport>;

export const OverviewDay = z.object({
  date: day,
  signUps: z.number().int(),
  enrollments: z.number().int(),
  completions: z.number().int(),
  certificates: z.number().int().describe('Certificates issued (a later revocation does not remove it from its day).'),
  revenue: z.array(MoneySum).describe('Orders paid that day, one line per currency (none: empty).'),
});

export const OverviewReport = z.object({
  range: Range,
  usersByRole: z.array(z.object({ role: Role, users: z.number().int() })).describe('Accounts now, erased ones excluded; every role listed.'),
  activeUsers: ActiveCounts.describe('People with any learning event in the last 7 and 30 days.'),
  totals: z.object({
    signUps: z.number().int(),
    enrollments: z.number().int(),
    completions: z.number().int(),
    certificates: z.number().int(),
    revenue: z.array(MoneySum),
    refunds: z.array(MoneySum),
  }),
  perDay: z.array(OverviewDay).describe('Every day of the range, in `tz`, zero days included.'),
});
export type OverviewReport = z.infer<typeof OverviewReport>;

export const ActivityEntry = z.object({
  eventId: z.uuid(),
  type: z.string().describe('The topic of the event, e.g. `lesson.completed`.'),
  courseId: z.uuid().nullable(),
  subjectId: z.uuid().nullable().describe('What the event was about in the course: a lesson, quiz, assignment, certificate or order.'),
  occurredAt: z.iso.datetime(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type ActivityEntry = z.infer<typeof ActivityEntry>;
export const UserActivity = z.object({ data: z.array(ActivityEntry), meta: PageMeta });
