import type { Request } from 'express';
import {
  ActivityQuery,
  CourseReport,
  CourseReportEndpoint,
  CourseReportParams,
  InstructorReport,
  InstructorReportEndpoint,
  OverviewReport,
  OverviewReportEndpoint,
  ReportQuery,
  UserActivity,
  UserActivityEndpoint,
  UserActivityParams,
} from '@smartcourse/contracts';
import type { InternalClient } from '../../internal-client.js';
import { forward } from '../../relay.js';
import { route, type RouteSpec } from '../../routing/spec.js';

const CSV = 'text/csv';
const TAG = 'analytics';

/** `format` as asked, else from `Accept`: `text/csv` preferred over JSON gets the CSV file. */
const formatOf = (req: Request, asked: 'json' | 'csv' | undefined): 'json' | 'csv' =>
  asked ?? (req.accepts(['application/json', CSV]) === CSV ? 'csv' : 'json');

const csvAnswer = (what: string, filename: string) => ({
  mediaType: CSV,
  headers: { 'Content-Disposition': `For the CSV file: \`attachment; filename="${filename}"\`` },
  description: `${what}; or, for \`Accept: text/csv\` (or \`format=csv\`), the same numbers as a CSV file (RFC 4180, \`text/csv; charset=utf-8\`): one flat table with the columns section, date, subject, label, metric, value, currency`,
});

/** The analytics reports (DOMAIN.md §9), answered by the analytics service from its tables kept from the topics. */
export function analyticsServiceRoutes(deps: { analytics: InternalClient }): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/analytics/courses/:courseId',
      summary:
        "A course's report (its instructor, admins; another instructor gets 403): enrollments per day in `tz`, active learners (7 and 30 days), completion rate, mean progress, mean quiz and assignment grades, drop-off per lesson, median time to complete, revenue and refunds",
      tag: TAG,
      access: ['instructor', 'admin'],
      request: { params: CourseReportParams, query: ReportQuery },
      responses: { 200: { ...csvAnswer('The report', 'course-{courseId}-{from}-{to}.csv'), body: CourseReport } },
      errors: [{ code: 'COURSE_NOT_FOUND' }],
      handler: ({ params, query }, res, req) =>
        forward(res, deps.analytics, CourseReportEndpoint, { params, query: { ...query, format: formatOf(req, query.format) } }),
    }),
    route({
      method: 'get',
      path: '/api/analytics/instructors/me',
      summary: "My courses' summaries (instructors): the course report's figures per course, over `from`–`to` in `tz`",
      tag: TAG,
      access: ['instructor'],
      request: { query: ReportQuery },
      responses: { 200: { ...csvAnswer('The report', 'instructor-{from}-{to}.csv'), body: InstructorReport } },
      handler: ({ query }, res, req) => forward(res, deps.analytics, InstructorReportEndpoint, { query: { ...query, format: formatOf(req, query.format) } }),
    }),
    route({
      method: 'get',
      path: '/api/analytics/overview',
      summary: 'The platform overview (admins): users by role, active users, and per day in `tz` sign-ups, enrollments, completions, certificates and revenue',
      tag: TAG,
      access: ['admin'],
      request: { query: ReportQuery },
      responses: { 200: { ...csvAnswer('The report', 'overview-{from}-{to}.csv'), body: OverviewReport } },
      handler: ({ query }, res, req) => forward(res, deps.analytics, OverviewReportEndpoint, { query: { ...query, format: formatOf(req, query.format) } }),
    }),
    route({
      method: 'get',
      path: '/api/analytics/users/:userId/activity',
      summary: "A person's timeline of learning events, newest first (admins; the person for self). The CSV file holds the whole timeline",
      tag: TAG,
      access: 'authenticated',
      request: { params: UserActivityParams, query: ActivityQuery },
      responses: {
        200: {
          description:
            'One page of the timeline; or, for `Accept: text/csv` (or `format=csv`), the whole timeline as a CSV file: occurred_at, type, course_id, subject_id, event_id, details (JSON)',
          body: UserActivity,
          mediaType: CSV,
          headers: { 'Content-Disposition': 'For the CSV file: `attachment; filename="activity-{userId}.csv"`' },
        },
      },
      handler: ({ params, query }, res, req) =>
        forward(res, deps.analytics, UserActivityEndpoint, { params, query: { ...query, format: formatOf(req, query.format) } }),
    }),
  ];
}
