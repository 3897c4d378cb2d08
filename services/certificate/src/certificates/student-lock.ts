import type { Knex } from '@smartcourse/platform';

/** The advisory-lock space of this lock (the outbox's aggregate locks use another). */
const STUDENT_PDF_LOCK_SPACE = 0x5c_ce;

/**
 * Keeping a student's rendered PDF and erasing that student's PDFs exclude each other until the
 * transaction ends: a PDF rendered before an erasure is either kept first (and then deleted by
 * it) or kept after it, once its names are read again.
 */
export async function lockStudentPdfs(trx: Knex.Transaction, studentId: string): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(?, hashtext(?))', [STUDENT_PDF_LOCK_SPACE, studentId]);
}
