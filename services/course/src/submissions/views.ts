import type { Submission as SubmissionView, SubmissionGrade } from '@smartcourse/contracts';
import type { RecordedGrade, Submission } from './rules.js';

function gradeView(grade: RecordedGrade): SubmissionGrade {
  return {
    revision: grade.revision,
    score: grade.score,
    latePenaltyPercent: grade.latePenaltyPercent,
    finalScore: grade.finalScore,
    maxScore: grade.maxScore,
    percent: grade.percent,
    passed: grade.passed,
    feedback: grade.feedback,
    gradedBy: grade.gradedBy,
    gradedAt: grade.gradedAt.toISOString(),
  };
}

/** A submission with its grades, oldest first, and the latest of them as `grade`: for its student, the course's instructor and admins. */
export function submissionView(submission: Submission, grades: readonly RecordedGrade[]): SubmissionView {
  const history = grades.map(gradeView);
  return {
    id: submission.id,
    assignmentId: submission.assignmentId,
    studentId: submission.studentId,
    version: submission.version,
    text: submission.text,
    fileIds: [...submission.fileIds],
    late: submission.late,
    submittedAt: submission.submittedAt.toISOString(),
    status: submission.status,
    grade: history.at(-1) ?? null,
    grades: history,
  };
}
