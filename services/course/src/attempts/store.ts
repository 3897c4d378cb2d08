import type { Knex } from '@smartcourse/platform';
import type { Answer, Grade, QuizQuestion } from '../quizzes/rules.js';
import type { Attempt } from './rules.js';

type Db = Knex | Knex.Transaction;

interface AttemptRow {
  id: string;
  quiz_id: string;
  student_id: string;
  attempt_number: number;
  quiz_version: number;
  questions: QuizQuestion[];
  pass_mark_percent: number;
  status: Attempt['status'];
  started_at: Date;
  deadline: Date | null;
  submitted_at: Date | null;
  score: number | null;
  max_score: number;
  percent: number | null;
  passed: boolean | null;
}

const fromRow = (row: AttemptRow): Attempt => ({
  id: row.id,
  quizId: row.quiz_id,
  studentId: row.student_id,
  attemptNumber: row.attempt_number,
  quizVersion: row.quiz_version,
  questions: row.questions,
  passMarkPercent: row.pass_mark_percent,
  status: row.status,
  startedAt: row.started_at,
  deadline: row.deadline,
  submittedAt: row.submitted_at,
  score: row.score,
  maxScore: row.max_score,
  percent: row.percent,
  passed: row.passed,
});

/** Everything but the answers: they are read by no one but a future review. */
const columns = [
  'id',
  'quiz_id',
  'student_id',
  'attempt_number',
  'quiz_version',
  'questions',
  'pass_mark_percent',
  'status',
  'started_at',
  'deadline',
  'submitted_at',
  'score',
  'max_score',
  'percent',
  'passed',
];

/** Advisory-lock namespace of a student's attempts at a quiz (the outbox uses its own). */
const STUDENT_ATTEMPTS_LOCK_SPACE = 0x9a_17;

/**
 * Serialises, until commit, everything that starts or closes one student's attempts at one quiz:
 * two concurrent starts count the same attempts one after the other, never both below the limit.
 */
export async function lockStudentAttempts(trx: Knex.Transaction, quizId: string, studentId: string): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(?, hashtext(?))', [STUDENT_ATTEMPTS_LOCK_SPACE, `${quizId}:${studentId}`]);
}

export async function attemptsOf(db: Db, quizId: string, studentId: string): Promise<Attempt[]> {
  const rows: AttemptRow[] = await db('quiz_attempts').select(columns).where({ quiz_id: quizId, student_id: studentId }).orderBy('attempt_number');
  return rows.map(fromRow);
}

export async function findAttempt(db: Db, quizId: string, attemptId: string): Promise<Attempt | undefined> {
  const row: AttemptRow | undefined = await db('quiz_attempts').select(columns).where({ id: attemptId, quiz_id: quizId }).first();
  return row ? fromRow(row) : undefined;
}

/** The answers a submitted attempt was graded on (null for an open or expired one). */
export async function submittedAnswers(db: Db, attemptId: string): Promise<Answer[] | null> {
  const row: { answers: Answer[] | null } | undefined = await db('quiz_attempts').select('answers').where({ id: attemptId }).first();
  return row?.answers ?? null;
}

export async function insertAttempt(
  trx: Knex.Transaction,
  attempt: Omit<Attempt, 'status' | 'submittedAt' | 'score' | 'percent' | 'passed'>,
): Promise<Attempt> {
  const [row] = await trx('quiz_attempts')
    .insert({
      id: attempt.id,
      quiz_id: attempt.quizId,
      student_id: attempt.studentId,
      attempt_number: attempt.attemptNumber,
      quiz_version: attempt.quizVersion,
      questions: JSON.stringify(attempt.questions),
      pass_mark_percent: attempt.passMarkPercent,
      started_at: attempt.startedAt,
      deadline: attempt.deadline,
      max_score: attempt.maxScore,
    })
    .returning(columns);
  return fromRow(row as AttemptRow);
}

/** Closes an open attempt with its grade: submitted with its answers, or expired with none. */
export async function closeAttempt(
  trx: Knex.Transaction,
  id: string,
  closing: { status: 'submitted' | 'expired'; grade: Grade; answers: readonly Answer[] | null; submittedAt: Date | null },
): Promise<Attempt> {
  const [row] = await trx('quiz_attempts')
    .where({ id, status: 'open' })
    .update({
      status: closing.status,
      score: closing.grade.score,
      percent: closing.grade.percent,
      passed: closing.grade.passed,
      answers: closing.answers === null ? null : JSON.stringify(closing.answers),
      submitted_at: closing.submittedAt,
    })
    .returning(columns);
  if (!row) throw new Error(`attempt ${id} was not open when closed (the student's attempts lock should prevent this)`);
  return fromRow(row as AttemptRow);
}

/** A quiz's attempts, newest first, all or one student's. */
export async function listAttempts(
  db: Db,
  quizId: string,
  options: { studentId?: string | undefined; page: number; perPage: number },
): Promise<{ entries: Attempt[]; total: number }> {
  const scope = (query: Knex.QueryBuilder) =>
    options.studentId ? query.where({ quiz_id: quizId, student_id: options.studentId }) : query.where({ quiz_id: quizId });
  const [rows, [count]] = await Promise.all([
    scope(db('quiz_attempts').select(columns))
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'attempt_number', order: 'desc' },
      ])
      .limit(options.perPage)
      .offset((options.page - 1) * options.perPage),
    scope(db('quiz_attempts').count<{ count: string }[]>({ count: '*' })),
  ]);
  return { entries: (rows as AttemptRow[]).map(fromRow), total: Number(count?.count ?? 0) };
}
