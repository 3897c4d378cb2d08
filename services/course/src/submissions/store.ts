import type { Actor, Knex } from '@smartcourse/platform';
import { isOwner } from '../courses/rules.js';
import type { RecordedGrade, Submission } from './rules.js';

type Db = Knex | Knex.Transaction;

interface SubmissionRow {
  id: string;
  assignment_id: string;
  student_id: string;
  version: number;
  text: string | null;
  file_ids: string[];
  late: boolean;
  submitted_at: Date;
  status: Submission['status'];
}

interface GradeRow {
  id: string;
  submission_id: string;
  revision: number;
  score: number;
  late_penalty_percent: number;
  final_score: number;
  max_score: number;
  percent: number;
  passed: boolean;
  feedback: string;
  graded_by: string;
  graded_at: Date;
}

const fromRow = (row: SubmissionRow): Submission => ({
  id: row.id,
  assignmentId: row.assignment_id,
  studentId: row.student_id,
  version: row.version,
  text: row.text,
  fileIds: row.file_ids,
  late: row.late,
  submittedAt: row.submitted_at,
  status: row.status,
});

const gradeFromRow = (row: GradeRow): RecordedGrade => ({
  id: row.id,
  submissionId: row.submission_id,
  revision: row.revision,
  score: Number(row.score),
  latePenaltyPercent: Number(row.late_penalty_percent),
  finalScore: Number(row.final_score),
  maxScore: row.max_score,
  percent: Number(row.percent),
  passed: row.passed,
  feedback: row.feedback,
  gradedBy: row.graded_by,
  gradedAt: row.graded_at,
});

/** Advisory-lock namespace of one student's work on one assignment (the attempts and the outbox use their own). */
const STUDENT_WORK_LOCK_SPACE = 0xa5_51;

/**
 * Serialises, until commit, everything that hands in or grades one student's work on one
 * assignment: two concurrent submissions number their versions one after the other, and a grade
 * sees every version handed in before it.
 */
export async function lockStudentWork(trx: Knex.Transaction, assignmentId: string, studentId: string): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(?, hashtext(?))', [STUDENT_WORK_LOCK_SPACE, `${assignmentId}:${studentId}`]);
}

export async function findSubmission(db: Db, id: string): Promise<Submission | undefined> {
  const row: SubmissionRow | undefined = await db('submissions').where({ id }).first();
  return row ? fromRow(row) : undefined;
}

/** A student's versions of their work on an assignment, oldest first. */
export async function submissionsOf(db: Db, assignmentId: string, studentId: string): Promise<Submission[]> {
  const rows: SubmissionRow[] = await db('submissions').where({ assignment_id: assignmentId, student_id: studentId }).orderBy('version');
  return rows.map(fromRow);
}

export async function insertSubmission(trx: Knex.Transaction, submission: Omit<Submission, 'status'>): Promise<Submission> {
  const [row] = await trx('submissions')
    .insert({
      id: submission.id,
      assignment_id: submission.assignmentId,
      student_id: submission.studentId,
      version: submission.version,
      text: submission.text,
      // A Postgres array literal: knex would spread a JS array into separate bindings.
      file_ids: `{${submission.fileIds.join(',')}}`,
      late: submission.late,
      submitted_at: submission.submittedAt,
    })
    .returning('*');
  return fromRow(row as SubmissionRow);
}

export async function markGraded(trx: Knex.Transaction, id: string): Promise<Submission> {
  const [row] = await trx('submissions').where({ id }).update({ status: 'graded' }).returning('*');
  return fromRow(row as SubmissionRow);
}

/** The next grade number of a student's work on an assignment: 1 for the first grade, then one more per grade or regrade. */
export async function nextRevision(trx: Knex.Transaction, assignmentId: string, studentId: string): Promise<number> {
  const row = (await trx('submission_grades').max({ revision: 'revision' }).where({ assignment_id: assignmentId, student_id: studentId }).first()) as
    { revision: number | null } | undefined;
  return (row?.revision ?? 0) + 1;
}

export async function insertGrade(trx: Knex.Transaction, grade: RecordedGrade & { assignmentId: string; studentId: string }): Promise<RecordedGrade> {
  const [row] = await trx('submission_grades')
    .insert({
      id: grade.id,
      submission_id: grade.submissionId,
      assignment_id: grade.assignmentId,
      student_id: grade.studentId,
      revision: grade.revision,
      score: grade.score,
      late_penalty_percent: grade.latePenaltyPercent,
      final_score: grade.finalScore,
      max_score: grade.maxScore,
      percent: grade.percent,
      passed: grade.passed,
      feedback: grade.feedback,
      graded_by: grade.gradedBy,
      graded_at: grade.gradedAt,
    })
    .returning('*');
  return gradeFromRow(row as GradeRow);
}

/** Every grade of each submission, oldest first. */
export async function gradesOfSubmissions(db: Db, submissionIds: readonly string[]): Promise<Map<string, RecordedGrade[]>> {
  const grades = new Map<string, RecordedGrade[]>(submissionIds.map((id) => [id, []]));
  if (submissionIds.length === 0) return grades;
  const rows: GradeRow[] = await db('submission_grades').whereIn('submission_id', submissionIds).orderBy('revision');
  for (const row of rows) grades.get(row.submission_id)?.push(gradeFromRow(row));
  return grades;
}

export interface SubmissionPage {
  status?: Submission['status'] | undefined;
  page: number;
  perPage: number;
}

/** Each student's latest version of their work on an assignment (with that version's status), the latest handed in first. */
export async function listLatestSubmissions(db: Db, assignmentId: string, options: SubmissionPage): Promise<{ entries: Submission[]; total: number }> {
  const latest = () =>
    db
      .from(
        db('submissions')
          .distinctOn('student_id')
          .where({ assignment_id: assignmentId })
          .orderBy([{ column: 'student_id' }, { column: 'version', order: 'desc' }])
          .as('latest'),
      )
      .modify((query) => (options.status ? query.where({ status: options.status }) : query));
  const rows: SubmissionRow[] = await latest()
    .select('*')
    .orderBy([
      { column: 'submitted_at', order: 'desc' },
      { column: 'id', order: 'asc' },
    ])
    .limit(options.perPage)
    .offset((options.page - 1) * options.perPage);
  const [count] = (await latest().count({ count: '*' })) as { count: string }[];
  return { entries: rows.map(fromRow), total: Number(count?.count ?? 0) };
}

/** Every version of one student's work on an assignment, the latest first. */
export async function listStudentSubmissions(
  db: Db,
  assignmentId: string,
  studentId: string,
  options: SubmissionPage,
): Promise<{ entries: Submission[]; total: number }> {
  const scope = () =>
    db('submissions')
      .where({ assignment_id: assignmentId, student_id: studentId })
      .modify((query) => (options.status ? query.where({ status: options.status }) : query));
  const rows: SubmissionRow[] = await scope()
    .select('*')
    .orderBy('version', 'desc')
    .limit(options.perPage)
    .offset((options.page - 1) * options.perPage);
  const [count] = (await scope().count({ count: '*' })) as { count: string }[];
  return { entries: rows.map(fromRow), total: Number(count?.count ?? 0) };
}

const uuidForm = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The read rule of submission files: true when a submission holding the file id belongs to the
 * actor, or the actor is that course's instructor (while an instructor), or an admin. A file id no
 * submission holds is not a submission file: false for everyone (another rule may grant it).
 */
export async function submissionFileReadable(db: Db, fileId: string, actor: Actor): Promise<boolean> {
  if (!uuidForm.test(fileId)) return false;
  const holders = (await db('submissions')
    .join('assignments', 'assignments.id', 'submissions.assignment_id')
    .join('courses', 'courses.id', 'assignments.course_id')
    .select('submissions.student_id', 'courses.instructor_id')
    .whereRaw('submissions.file_ids @> array[?]::uuid[]', [fileId])) as { student_id: string; instructor_id: string }[];
  return holders.some((holder) => holder.student_id === actor.userId || isOwner({ instructorId: holder.instructor_id }, actor));
}
