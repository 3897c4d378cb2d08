import { AssignmentRequest } from '@smartcourse/contracts';
import { accept, fieldIssues, reject, type Decision, type FieldIssue } from '@smartcourse/platform';

/** What an author sets: the instructions, the dates, the scoring and what a submission holds. */
export interface AssignmentSettings {
  instructions: string;
  dueAt: Date | null;
  lateUntil: Date | null;
  latePenaltyPercentPerDay: number;
  maxScore: number;
  passMarkPercent: number;
  allowResubmission: boolean;
  fileRequired: boolean;
  maxFiles: number;
}

/** The assignment of an assignment lesson (one per lesson; replacing it keeps the id and bumps the version). */
export interface Assignment extends AssignmentSettings {
  id: string;
  lessonId: string;
  courseId: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What is wrong between the fields of a well-shaped assignment (empty when nothing is). */
function settingIssues(settings: AssignmentSettings): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (settings.lateUntil !== null && settings.dueAt === null) issues.push({ path: 'lateUntil', message: 'a late limit needs a due date' });
  if (settings.lateUntil !== null && settings.dueAt !== null && settings.lateUntil.getTime() < settings.dueAt.getTime())
    issues.push({ path: 'lateUntil', message: 'the late limit cannot be before the due date' });
  if (settings.fileRequired && settings.maxFiles === 0) issues.push({ path: 'maxFiles', message: 'a file is required, so at least one must be allowed' });
  return issues;
}

/** An assignment as an author may set it: the shape (contracts' AssignmentRequest), then the rules between its fields. */
export function validateAssignment(body: unknown): Decision<AssignmentSettings> {
  const parsed = AssignmentRequest.safeParse(body);
  if (!parsed.success) return reject('VALIDATION_ERROR', 'The assignment is not valid.', fieldIssues(parsed.error.issues));
  const given = parsed.data;
  const settings: AssignmentSettings = {
    instructions: given.instructions,
    dueAt: given.dueAt ? new Date(given.dueAt) : null,
    lateUntil: given.lateUntil ? new Date(given.lateUntil) : null,
    latePenaltyPercentPerDay: given.latePenaltyPercentPerDay,
    maxScore: given.maxScore,
    passMarkPercent: given.passMarkPercent,
    allowResubmission: given.allowResubmission,
    fileRequired: given.fileRequired,
    maxFiles: given.maxFiles,
  };
  const issues = settingIssues(settings);
  return issues.length > 0 ? reject('VALIDATION_ERROR', 'The assignment is not valid.', issues) : accept(settings);
}
