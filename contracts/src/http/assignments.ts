import { z } from 'zod';
import { PageMeta } from './admin.js';
import { trimmedText } from './text.js';

/**
 * Request and response bodies of the assignment routes. The shapes are checked here; the rules
 * between fields (a late limit after the due date, a file asked for and allowed) are the course
 * service's (`services/course/src/assignments/rules.ts`), which answers them with field details.
 */

export const assignmentLimits = { instructions: 20_000, maxScore: 10_000, maxFiles: 20, text: 50_000, feedback: 20_000 } as const;

export const submissionStatuses = ['submitted', 'graded'] as const;
export const SubmissionStatus = z.enum(submissionStatuses);
export type SubmissionStatus = z.infer<typeof SubmissionStatus>;

const instant = z.iso.datetime({ offset: true });

/** `PUT /api/lessons/{lessonId}/assignment`: the whole assignment, replacing the one before. */
export const AssignmentRequest = z.strictObject({
  instructions: trimmedText(1, assignmentLimits.instructions),
  /** Submissions after it are `late`; without one, nothing is late and nothing closes. */
  dueAt: instant.nullable().optional(),
  /** The last moment a (late) submission is taken; without one, submissions close at `dueAt`. Needs `dueAt`, not before it. */
  lateUntil: instant.nullable().optional(),
  /** Percent of the given score taken off per day late (a started day counts whole); the total is capped at 100. */
  latePenaltyPercentPerDay: z.number().min(0).max(100).default(0),
  maxScore: z.number().int().min(1).max(assignmentLimits.maxScore),
  /** The lesson completes when the final score reaches this percent of `maxScore`. */
  passMarkPercent: z.number().int().min(0).max(100),
  /** Whether a student may hand in a new version while the latest is not graded. */
  allowResubmission: z.boolean().default(false),
  fileRequired: z.boolean().default(false),
  /** At most this many files per submission (0: text only). */
  maxFiles: z.number().int().min(0).max(assignmentLimits.maxFiles).default(5),
});
export type AssignmentRequest = z.infer<typeof AssignmentRequest>;

export const Assignment = z.object({
  id: z.uuid(),
  lessonId: z.uuid(),
  courseId: z.uuid(),
  instructions: z.string(),
  dueAt: z.string().nullable(),
  lateUntil: z.string().nullable(),
  latePenaltyPercentPerDay: z.number(),
  maxScore: z.number().int(),
  passMarkPercent: z.number().int(),
  allowResubmission: z.boolean(),
  fileRequired: z.boolean(),
  maxFiles: z.number().int(),
  /** 1 when first set; each replacement adds one. */
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Assignment = z.infer<typeof Assignment>;

/**
 * `POST /api/assignments/{assignmentId}/submissions`: the work, as text and/or files. Each file id
 * is an upload of the student's with purpose `submission` (media service), each named once.
 */
export const SubmissionRequest = z.strictObject({
  text: z.string().max(assignmentLimits.text).optional(),
  fileIds: z
    .array(z.uuid())
    .max(assignmentLimits.maxFiles)
    .default([])
    .refine((ids) => new Set(ids).size === ids.length, 'each file is named once'),
});
export type SubmissionRequest = z.infer<typeof SubmissionRequest>;

/** `POST /api/submissions/{submissionId}/grade`: the score as given (before the late penalty) and the feedback for the student. */
export const GradeRequest = z.strictObject({
  score: z.number().min(0),
  feedback: z.string().max(assignmentLimits.feedback),
});
export type GradeRequest = z.infer<typeof GradeRequest>;

export const AssignmentParams = z.strictObject({ assignmentId: z.uuid() });
export type AssignmentParams = z.infer<typeof AssignmentParams>;
export const SubmissionParams = z.strictObject({ submissionId: z.uuid() });
export type SubmissionParams = z.infer<typeof SubmissionParams>;

/** `GET /api/assignments/{assignmentId}/submissions`: the owner and admins see each student's latest version; a student, every version of their own. */
export const SubmissionListQuery = z.strictObject({
  status: SubmissionStatus.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
});
export type SubmissionListQuery = z.infer<typeof SubmissionListQuery>;

/** One grade of a submission: a regrade adds one, and the earlier ones stay. */
export const SubmissionGrade = z.object({
  /** The student's grade count on this assignment after this one (what `assignment.graded` carries). */
  revision: z.number().int(),
  /** The score as the grader gave it. */
  score: z.number(),
  /** min(100, days late × the assignment's penalty per day); 0 when on time. */
  latePenaltyPercent: z.number(),
  /** score × (1 − latePenaltyPercent / 100), two decimals. */
  finalScore: z.number(),
  maxScore: z.number().int(),
  /** finalScore / maxScore × 100, two decimals. */
  percent: z.number(),
  passed: z.boolean(),
  feedback: z.string(),
  gradedBy: z.uuid(),
  gradedAt: z.string(),
});
export type SubmissionGrade = z.infer<typeof SubmissionGrade>;

export const Submission = z.object({
  id: z.uuid(),
  assignmentId: z.uuid(),
  studentId: z.uuid(),
  /** 1 for the first hand-in; each resubmission adds one. */
  version: z.number().int(),
  text: z.string().nullable(),
  fileIds: z.array(z.uuid()),
  /** Handed in after `dueAt`. */
  late: z.boolean(),
  submittedAt: z.string(),
  status: SubmissionStatus,
  /** The latest grade (null until graded). */
  grade: SubmissionGrade.nullable(),
  /** Every grade, oldest first: the regrading history. */
  grades: z.array(SubmissionGrade),
});
export type Submission = z.infer<typeof Submission>;

export const SubmissionList = z.object({ data: z.array(Submission), meta: PageMeta });
