import type { SubmissionStatus } from '@smartcourse/contracts';
import type { Rejection } from '@smartcourse/platform';
import type { Assignment } from '../assignments/rules.js';

/** One version of a student's work on an assignment. */
export interface Submission {
  id: string;
  assignmentId: string;
  studentId: string;
  version: number;
  text: string | null;
  fileIds: string[];
  late: boolean;
  submittedAt: Date;
  status: SubmissionStatus;
}

/** A grade as computed from the score given: the late penalty applied, the verdict at the pass mark. */
export interface Grade {
  score: number;
  latePenaltyPercent: number;
  finalScore: number;
  maxScore: number;
  percent: number;
  passed: boolean;
}

/** A grade as recorded: a submission keeps every one (regrades add to the history). */
export interface RecordedGrade extends Grade {
  id: string;
  submissionId: string;
  revision: number;
  feedback: string;
  gradedBy: string;
  gradedAt: Date;
}

const DAY_MS = 86_400_000;
const twoDecimals = (value: number) => Math.round(value * 100) / 100;

type Dates = Pick<Assignment, 'dueAt' | 'lateUntil'>;

/** The last moment a submission is taken: the late limit, else the due date; null when it never closes. */
export const closesAt = (assignment: Dates): Date | null => assignment.lateUntil ?? assignment.dueAt;

/** Handed in after the due date (an assignment without one is never late). */
export const isLate = (assignment: Pick<Assignment, 'dueAt'>, at: Date): boolean => assignment.dueAt !== null && at.getTime() > assignment.dueAt.getTime();

/** Whole days late, a started day counting whole: ceil((submittedAt − dueAt) / 1 day); 0 when on time. */
export function daysLate(assignment: Pick<Assignment, 'dueAt'>, submittedAt: Date): number {
  if (!isLate(assignment, submittedAt) || assignment.dueAt === null) return 0;
  return Math.ceil((submittedAt.getTime() - assignment.dueAt.getTime()) / DAY_MS);
}

/** The penalty in percent of the given score: days late × the penalty per day, at most 100. */
export const latePenaltyPercent = (assignment: Pick<Assignment, 'dueAt' | 'latePenaltyPercentPerDay'>, submittedAt: Date): number =>
  Math.min(100, twoDecimals(daysLate(assignment, submittedAt) * assignment.latePenaltyPercentPerDay));

/**
 * The grade of a score given to work handed in at `submittedAt`: finalScore = score × (1 − penalty / 100)
 * and percent = finalScore / maxScore × 100, both to two decimals; passed when percent reaches the pass mark.
 */
export function gradeOf(
  assignment: Pick<Assignment, 'dueAt' | 'latePenaltyPercentPerDay' | 'maxScore' | 'passMarkPercent'>,
  submittedAt: Date,
  score: number,
): Grade {
  const penalty = latePenaltyPercent(assignment, submittedAt);
  const finalScore = twoDecimals((score * (100 - penalty)) / 100);
  const percent = twoDecimals((finalScore * 100) / assignment.maxScore);
  return { score, latePenaltyPercent: penalty, finalScore, maxScore: assignment.maxScore, percent, passed: percent >= assignment.passMarkPercent };
}

export type SubmitDecision = { kind: 'submit'; version: number; late: boolean } | { kind: 'refused'; rejection: Rejection };

const refused = (rejection: Rejection): SubmitDecision => ({ kind: 'refused', rejection });

/**
 * Whether a student's work is taken now, given their earlier versions: not after the assignment
 * closes (the server's clock), with a file when one is required and no more than allowed, and a
 * new version only while resubmission is allowed and the latest version is not graded.
 */
export function decideSubmit(
  assignment: Pick<Assignment, 'dueAt' | 'lateUntil' | 'allowResubmission' | 'fileRequired' | 'maxFiles'>,
  earlier: readonly Pick<Submission, 'version' | 'status'>[],
  work: { fileCount: number },
  now: Date,
): SubmitDecision {
  const closing = closesAt(assignment);
  if (closing !== null && now.getTime() > closing.getTime())
    return refused({ code: 'SUBMISSION_CLOSED', message: 'This assignment takes no more submissions.', details: { closedAt: closing.toISOString() } });
  const latest = earlier.reduce<Pick<Submission, 'version' | 'status'> | undefined>(
    (found, each) => (!found || each.version > found.version ? each : found),
    undefined,
  );
  if (latest && (!assignment.allowResubmission || latest.status === 'graded')) {
    const message = latest.status === 'graded' ? 'Your work on this assignment is graded already.' : 'This assignment takes one submission.';
    return refused({ code: 'RESUBMISSION_NOT_ALLOWED', message, details: { version: latest.version, status: latest.status } });
  }
  if (assignment.fileRequired && work.fileCount === 0)
    return refused({ code: 'FILE_REQUIRED', message: 'This assignment asks for at least one file.', details: { field: 'fileIds', minFiles: 1 } });
  if (work.fileCount > assignment.maxFiles)
    return refused({
      code: 'TOO_MANY_FILES',
      message: `This assignment takes at most ${assignment.maxFiles} file(s).`,
      details: { field: 'fileIds', maxFiles: assignment.maxFiles, given: work.fileCount },
    });
  return { kind: 'submit', version: (latest?.version ?? 0) + 1, late: isLate(assignment, now) };
}

export type GradeDecision = { kind: 'grade'; grade: Grade } | { kind: 'refused'; rejection: Rejection };

/**
 * Whether a score is recorded on a submission: at most the assignment's maximum, and only on the
 * student's latest version (an older one was superseded by the work handed in after it).
 */
export function decideGrade(
  assignment: Pick<Assignment, 'dueAt' | 'latePenaltyPercentPerDay' | 'maxScore' | 'passMarkPercent'>,
  submission: Pick<Submission, 'id' | 'version' | 'submittedAt'>,
  latest: Pick<Submission, 'id' | 'version'>,
  score: number,
): GradeDecision {
  if (score > assignment.maxScore)
    return {
      kind: 'refused',
      rejection: {
        code: 'SCORE_ABOVE_MAXIMUM',
        message: `The score is above the maximum of ${assignment.maxScore}.`,
        details: { maxScore: assignment.maxScore },
      },
    };
  if (latest.version > submission.version)
    return {
      kind: 'refused',
      rejection: {
        code: 'SUBMISSION_SUPERSEDED',
        message: `Version ${latest.version} of this work was handed in after this one: grade the latest version.`,
        details: { latestSubmissionId: latest.id, latestVersion: latest.version },
      },
    };
  return { kind: 'grade', grade: gradeOf(assignment, submission.submittedAt, score) };
}
