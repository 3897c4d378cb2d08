import type { Knex } from '@smartcourse/platform';
import type { Assignment, AssignmentSettings } from './rules.js';

type Db = Knex | Knex.Transaction;

interface AssignmentRow {
  id: string;
  lesson_id: string;
  course_id: string;
  instructions: string;
  due_at: Date | null;
  late_until: Date | null;
  late_penalty_percent_per_day: number;
  max_score: number;
  pass_mark_percent: number;
  allow_resubmission: boolean;
  file_required: boolean;
  max_files: number;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const fromRow = (row: AssignmentRow): Assignment => ({
  id: row.id,
  lessonId: row.lesson_id,
  courseId: row.course_id,
  instructions: row.instructions,
  dueAt: row.due_at,
  lateUntil: row.late_until,
  latePenaltyPercentPerDay: Number(row.late_penalty_percent_per_day),
  maxScore: row.max_score,
  passMarkPercent: row.pass_mark_percent,
  allowResubmission: row.allow_resubmission,
  fileRequired: row.file_required,
  maxFiles: row.max_files,
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const settingColumns = (settings: AssignmentSettings) => ({
  instructions: settings.instructions,
  due_at: settings.dueAt,
  late_until: settings.lateUntil,
  late_penalty_percent_per_day: settings.latePenaltyPercentPerDay,
  max_score: settings.maxScore,
  pass_mark_percent: settings.passMarkPercent,
  allow_resubmission: settings.allowResubmission,
  file_required: settings.fileRequired,
  max_files: settings.maxFiles,
});

export async function findAssignment(db: Db, id: string): Promise<Assignment | undefined> {
  const row = await db<AssignmentRow>('assignments').where({ id }).first();
  return row ? fromRow(row) : undefined;
}

export async function findAssignmentOfLesson(db: Db, lessonId: string): Promise<Assignment | undefined> {
  const row = await db<AssignmentRow>('assignments').where({ lesson_id: lessonId }).first();
  return row ? fromRow(row) : undefined;
}

/** The ids of a course's lessons that have an assignment (an assignment lesson keeps its kind while it has one). */
export async function assignmentLessonsOf(db: Db, courseId: string): Promise<ReadonlySet<string>> {
  const rows = (await db('assignments').select('lesson_id').where({ course_id: courseId })) as Pick<AssignmentRow, 'lesson_id'>[];
  return new Set(rows.map((row) => row.lesson_id));
}

export async function insertAssignment(
  trx: Knex.Transaction,
  assignment: { id: string; lessonId: string; courseId: string } & AssignmentSettings,
): Promise<Assignment> {
  const [row] = await trx('assignments')
    .insert({ id: assignment.id, lesson_id: assignment.lessonId, course_id: assignment.courseId, ...settingColumns(assignment), version: 1 })
    .returning('*');
  return fromRow(row as AssignmentRow);
}

/** Replaces the assignment's settings whole and bumps its version; the id, and the submissions and grades made, stay. */
export async function replaceAssignment(trx: Knex.Transaction, id: string, settings: AssignmentSettings): Promise<Assignment> {
  const [row] = await trx('assignments')
    .where({ id })
    .update({ ...settingColumns(settings), version: trx.raw('version + 1'), updated_at: trx.fn.now() })
    .returning('*');
  return fromRow(row as AssignmentRow);
}
