import type { Enrollment as EnrollmentView, Progress } from '@smartcourse/contracts';
import type { Enrollment } from './rules.js';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export const enrollmentView = (enrollment: Enrollment, courseTitle: string | null): EnrollmentView => ({
  id: enrollment.id,
  studentId: enrollment.studentId,
  courseId: enrollment.courseId,
  courseTitle,
  status: enrollment.status,
  percent: enrollment.percent,
  enrolledAt: enrollment.enrolledAt.toISOString(),
  completedAt: iso(enrollment.completedAt),
  scorePercent: enrollment.scorePercent,
  lastAccessedAt: iso(enrollment.lastAccessedAt),
  refundedAt: iso(enrollment.refundedAt),
  updatedAt: enrollment.updatedAt.toISOString(),
});

export const rosterView = (enrollment: Enrollment, courseTitle: string | null) => ({
  ...enrollmentView(enrollment, courseTitle),
  completedLessonCount: enrollment.completedRequiredCount,
  requiredLessonCount: enrollment.requiredLessonCount,
  timeSpentSeconds: enrollment.timeSpentSeconds,
});

/** Progress: completed lessons of the current structure only (a removed lesson no longer counts or shows). */
export const progressView = (enrollment: Enrollment, structureLessonIds: ReadonlySet<string>, quizGrades: Record<string, number>): Progress => ({
  enrollmentId: enrollment.id,
  percent: enrollment.percent,
  completedLessonIds: enrollment.completedLessonIds.filter((id) => structureLessonIds.has(id)),
  requiredLessonCount: enrollment.requiredLessonCount,
  currentLessonId: enrollment.currentLessonId,
  quizGrades,
  timeSpentSeconds: enrollment.timeSpentSeconds,
  startedAt: enrollment.enrolledAt.toISOString(),
  lastAccessedAt: iso(enrollment.lastAccessedAt),
  completedAt: iso(enrollment.completedAt),
});
