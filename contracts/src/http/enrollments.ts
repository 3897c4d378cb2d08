import { z } from 'zod';
import { trimmedText } from './text.js';
import { PageMeta } from './admin.js';

/** Request and response bodies of the enrollment and progress routes, shared by the gateway and the service. */

export const enrollmentStatuses = ['active', 'completed', 'dropped', 'suspended', 'refunded'] as const;
export const EnrollmentStatus = z.enum(enrollmentStatuses);
export type EnrollmentStatus = z.infer<typeof EnrollmentStatus>;

export const EnrollRequest = z.strictObject({ courseId: z.uuid() });
export type EnrollRequest = z.infer<typeof EnrollRequest>;

export const EnrollmentReasonRequest = z.strictObject({ reason: trimmedText(1, 500).optional() });
export type EnrollmentReasonRequest = z.infer<typeof EnrollmentReasonRequest>;

/** Most seconds one lesson visit may report (4 hours); the service also credits no more than the time since the previous visit. */
export const maxVisitSeconds = 4 * 3600;
export const VisitRequest = z.strictObject({ secondsSpent: z.number().int().min(0).max(maxVisitSeconds).default(0) });
export type VisitRequest = z.infer<typeof VisitRequest>;

export const EnrollmentParams = z.strictObject({ enrollmentId: z.uuid() });
export type EnrollmentParams = z.infer<typeof EnrollmentParams>;

const page = z.coerce.number().int().min(1).max(10_000).default(1);
const perPage = z.coerce.number().int().min(1).max(100).default(20);
export const EnrollmentListQuery = z.strictObject({ status: EnrollmentStatus.optional(), page, per_page: perPage });
export type EnrollmentListQuery = z.infer<typeof EnrollmentListQuery>;

export const Enrollment = z.object({
  id: z.uuid(),
  studentId: z.uuid(),
  courseId: z.uuid(),
  courseTitle: z.string().nullable(),
  status: EnrollmentStatus,
  percent: z.number().int(),
  enrolledAt: z.string(),
  completedAt: z.string().nullable(),
  /** Mean of the course's quiz grades once completed; null before, and for a course without quizzes. */
  scorePercent: z.number().nullable(),
  lastAccessedAt: z.string().nullable(),
  /** When the order that bought the enrollment was refunded (status `refunded`); null otherwise. */
  refundedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type Enrollment = z.infer<typeof Enrollment>;
export const EnrollmentList = z.object({ data: z.array(Enrollment), meta: PageMeta });

export const Progress = z.object({
  enrollmentId: z.uuid(),
  percent: z.number().int(),
  completedLessonIds: z.array(z.uuid()),
  requiredLessonCount: z.number().int(),
  currentLessonId: z.uuid().nullable(),
  quizGrades: z.record(z.string(), z.number()),
  timeSpentSeconds: z.number().int(),
  startedAt: z.string(),
  lastAccessedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
});
export type Progress = z.infer<typeof Progress>;

/** A roster row: the enrollment with its progress figures. */
export const RosterEntry = Enrollment.extend({
  completedLessonCount: z.number().int(),
  requiredLessonCount: z.number().int(),
  timeSpentSeconds: z.number().int(),
});
export const Roster = z.object({ data: z.array(RosterEntry), meta: PageMeta });
