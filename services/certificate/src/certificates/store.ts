import type { Knex } from '@smartcourse/platform';
import { newVerificationCode, numberOf, type Certificate, type CertificateStatus, type Completion } from './rules.js';

type Db = Knex | Knex.Transaction;

interface CertificateRow {
  id: string;
  enrollment_id: string;
  student_id: string;
  course_id: string;
  sequence: string;
  number: string;
  verification_code: string;
  completed_at: Date;
  score_percent: number | null;
  issued_at: Date;
  status: CertificateStatus;
  revoked_at: Date | null;
  revoke_reason: string | null;
}

const certificateOf = (row: CertificateRow): Certificate => ({
  id: row.id,
  enrollmentId: row.enrollment_id,
  studentId: row.student_id,
  courseId: row.course_id,
  sequence: Number(row.sequence),
  number: row.number,
  verificationCode: row.verification_code,
  completedAt: row.completed_at,
  scorePercent: row.score_percent,
  issuedAt: row.issued_at,
  status: row.status,
  revokedAt: row.revoked_at,
  reason: row.revoke_reason,
});

/**
 * Inserts the enrollment's certificate unless it has one: undefined when it had (the unique key
 * on the enrollment decides between the event and a request racing it).
 */
export async function insertCertificate(trx: Knex.Transaction, id: string, completion: Completion, issuedAt: Date): Promise<Certificate | undefined> {
  const sequence = Number(((await trx.raw(`select nextval('certificate_numbers') as value`)) as { rows: { value: string }[] }).rows[0]?.value);
  const rows = (await trx('certificates')
    .insert({
      id,
      enrollment_id: completion.enrollmentId,
      student_id: completion.studentId,
      course_id: completion.courseId,
      sequence,
      number: numberOf(sequence, issuedAt),
      verification_code: newVerificationCode(),
      completed_at: completion.completedAt,
      score_percent: completion.scorePercent,
      issued_at: issuedAt,
    })
    // Untargeted: the enrollment's key and the id derived from it conflict together.
    .onConflict()
    .ignore()
    .returning('*')) as CertificateRow[];
  return rows[0] && certificateOf(rows[0]);
}

export async function findCertificate(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<Certificate | undefined> {
  const query = db('certificates').where({ id }).first();
  const row = (await (options.forUpdate ? query.forUpdate() : query)) as CertificateRow | undefined;
  return row && certificateOf(row);
}

export async function findByEnrollment(db: Db, enrollmentId: string): Promise<Certificate | undefined> {
  const row = (await db('certificates').where({ enrollment_id: enrollmentId }).first()) as CertificateRow | undefined;
  return row && certificateOf(row);
}

export async function findByCode(db: Db, code: string): Promise<Certificate | undefined> {
  const row = (await db('certificates').where({ verification_code: code }).first()) as CertificateRow | undefined;
  return row && certificateOf(row);
}

export async function listOfStudent(db: Db, studentId: string, page: { page: number; per_page: number }): Promise<{ entries: Certificate[]; total: number }> {
  const [rows, counted] = await Promise.all([
    db('certificates')
      .where({ student_id: studentId })
      .orderBy([{ column: 'issued_at', order: 'desc' }, 'id'])
      .limit(page.per_page)
      .offset((page.page - 1) * page.per_page) as Promise<CertificateRow[]>,
    db('certificates').where({ student_id: studentId }).count<{ count: string }[]>({ count: '*' }),
  ]);
  return { entries: rows.map(certificateOf), total: Number(counted[0]?.count ?? 0) };
}

export async function idsOfStudent(db: Db, studentId: string): Promise<string[]> {
  return ((await db('certificates').select('id').where({ student_id: studentId })) as { id: string }[]).map((row) => row.id);
}

export async function markRevoked(trx: Knex.Transaction, id: string, reason: string, at: Date): Promise<Certificate> {
  const rows = (await trx('certificates')
    .where({ id })
    .update({ status: 'revoked', revoked_at: at, revoke_reason: reason })
    .returning('*')) as CertificateRow[];
  if (!rows[0]) throw new Error(`certificate ${id} vanished under its row lock`);
  return certificateOf(rows[0]);
}

/** The sequence numbers of every revoked certificate: the set bits of the revocation status list. */
export async function revokedSequences(db: Db): Promise<number[]> {
  return ((await db('certificates').select('sequence').where({ status: 'revoked' })) as { sequence: string }[]).map((row) => Number(row.sequence));
}
