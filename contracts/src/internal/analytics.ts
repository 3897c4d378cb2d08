import {
  ActivityQuery,
  CourseReport,
  CourseReportParams,
  InstructorReport,
  OverviewReport,
  ReportQuery,
  UserActivity,
  UserActivityParams,
} from '../http/analytics.js';
import { internalEndpoint } from './endpoint.js';

/**
 * The analytics service's internal API: the reports of DOMAIN.md §9. Each answers JSON, or a CSV
 * file (`text/csv; charset=utf-8`, an attachment) for `format=csv`, which the gateway sets from `Accept`.
 */

export const CourseReportEndpoint = internalEndpoint({
  method: 'get',
  path: '/internal/reports/courses/:courseId',
  params: CourseReportParams,
  query: ReportQuery,
  response: CourseReport,
});
export const InstructorReportEndpoint = internalEndpoint({
  method: 'get',
  path: '/internal/reports/instructors/me',
  query: ReportQuery,
  response: InstructorReport,
});
export const OverviewReportEndpoint = internalEndpoint({ method: 'get', path: '/internal/reports/overview', query: ReportQuery, response: OverviewReport });
export const UserActivityEndpoint = internalEndpoint({
  method: 'get',
  path: '/internal/reports/users/:userId/activity',
  params: UserActivityParams,
  query: ActivityQuery,
  response: UserActivity,
});
