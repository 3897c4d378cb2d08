import type { Assignment as AssignmentView } from '@smartcourse/contracts';
import type { Assignment } from './rules.js';

/** The assignment as its owner and its students read it (nothing in it is secret). */
export function assignmentView(assignment: Assignment): AssignmentView {
  return {
    id: assignment.id,
    lessonId: assignment.lessonId,
    courseId: assignment.courseId,
    instructions: assignment.instructions,
    dueAt: assignment.dueAt?.toISOString() ?? null,
    lateUntil: assignment.lateUntil?.toISOString() ?? null,
    latePenaltyPercentPerDay: assignment.latePenaltyPercentPerDay,
    maxScore: assignment.maxScore,
    passMarkPercent: assignment.passMarkPercent,
    allowResubmission: assignment.allowResubmission,
    fileRequired: assignment.fileRequired,
    maxFiles: assignment.maxFiles,
    version: assignment.version,
    createdAt: assignment.createdAt.toISOString(),
    updatedAt: assignment.updatedAt.toISOString(),
  };
}
