import { z } from 'zod';
import { PageMeta } from './admin.js';
import { EnrollmentListQuery, EnrollmentStatus } from './enrollments.js';

/** Request and response bodies of the gradebook routes, shared by the gateway and enrollment-progress. */

/** `page` and `per_page` as the roster has them. */
export const GradebookQuery = EnrollmentListQuery.omit({ status: true });
export type GradebookQuery = z.infer<typeof GradebookQuery>;

export const gradedLessonKinds = ['quiz', 'assignment'] as const;
export const GradedLessonKind = z.enum(gradedLessonKinds);
export type GradedLessonKind = z.infer<typeof GradedLessonKind>;

/** A graded lesson of the course's current structure: one column of the gradebook. */
export const GradebookColumn = z.object({
  lessonId: z.uuid(),
  /** null while the structure kept predates lesson titles (the next structure change fills it). */
  title: z.string().nullable(),
  kind: GradedLessonKind,
  /** The lesson's place in the course outline, from 1 (every lesson counts, graded or not). */
  order: z.number().int(),
});
export type GradebookColumn = z.infer<typeof GradebookColumn>;

export const QuizGrade = z.object({
  kind: z.literal('quiz'),
  /** The quiz's grade by its grading method after the latest graded attempt. */
  percent: z.number(),
  passed: z.boolean(),
  attemptNumber: z.number().int(),
  gradedAt: z.string(),
});

export const AssignmentGrade = z.object({
  kind: z.literal('assignment'),
  /** score / maxScore × 100, after the late penalty. */
  percent: z.number(),
  passed: z.boolean(),
  /** Points after the late penalty. */
  score: z.number(),
  maxScore: z.number(),
  latePenaltyPercent: z.number(),
  /** The grade's revision: 1 for the first grade, one more for each regrade. */
  revision: z.number().int(),
  gradedAt: z.string(),
});

export const LessonGrade = z.discriminatedUnion('kind', [QuizGrade, AssignmentGrade]);
export type LessonGrade = z.infer<typeof LessonGrade>;

/** One student's row: a grade (or null) per column, the course score and the progress. */
export const GradebookRow = z.object({
  enrollmentId: z.uuid(),
  studentId: z.uuid(),
  status: EnrollmentStatus,
  progressPercent: z.number().int(),
  /** The mean of the percents of the graded columns, two decimals; null while none is graded. */
  courseScorePercent: z.number().nullable(),
  gradedCount: z.number().int(),
  /** Every column's lesson id → its grade, null when the student has none. */
  grades: z.record(z.string(), LessonGrade.nullable()),
});
export type GradebookRow = z.infer<typeof GradebookRow>;

export const Gradebook = z.object({
  data: z.object({ courseId: z.uuid(), courseTitle: z.string().nullable(), columns: z.array(GradebookColumn), rows: z.array(GradebookRow) }),
  meta: PageMeta,
});
export type Gradebook = z.infer<typeof Gradebook>;

/** A student's own row of the gradebook, with the columns it fills. */
export const EnrollmentGrades = z.object({
  courseId: z.uuid(),
  courseTitle: z.string().nullable(),
  columns: z.array(GradebookColumn),
  row: GradebookRow,
});
export type EnrollmentGrades = z.infer<typeof EnrollmentGrades>;
